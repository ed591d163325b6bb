import { useTranslation } from 'react-i18next';
import { idPart } from '../medmij/format';
import { useSharingStore } from './store';

/** The providers that accept data from the person, each with a button per kind of send. */
export function ChooseStep() {
  const { t } = useTranslation();
  const providers = useSharingStore((s) => s.providers);
  const state = useSharingStore((s) => s.providersState);
  const choose = useSharingStore((s) => s.choose);
  const load = useSharingStore((s) => s.loadProviders);

  return (
    <section className="panel sharing-choose" aria-labelledby="sharing-choose-title">
      <h2 id="sharing-choose-title">{t('sharing.choose.title')}</h2>
      <p role="status" className={state === 'loading' ? 'muted' : 'alert-empty'}>
        {state === 'loading' && t('sharing.choose.loading')}
      </p>
      {state === 'error' && (
        <div role="alert" className="notice notice-error">
          <p>{t('sharing.choose.failed')}</p>
          <button type="button" className="button" onClick={() => void load()}>
            {t('medmij.flow.retry')}
          </button>
        </div>
      )}
      {providers && providers.length === 0 && <p>{t('sharing.choose.none')}</p>}
      {providers && providers.length > 0 && (
        <ul className="sharing-providers">
          {providers.map((provider) => (
            <li key={provider.id}>
              <article className="sharing-provider" aria-labelledby={`sharing-provider-${idPart(provider.id)}`}>
                <h3 id={`sharing-provider-${idPart(provider.id)}`}>{provider.displayName}</h3>
                <p className="muted">{provider.place ?? t('sharing.choose.placeUnknown')}</p>
                <ul className="sharing-services">
                  {provider.services.map((service) => (
                    <li key={service.id}>
                      <button
                        type="button"
                        className="button sharing-service"
                        data-service-id={service.id}
                        aria-describedby={`sharing-service-${idPart(provider.id)}-${service.id}`}
                        onClick={() => choose(provider, service)}
                      >
                        {t('sharing.choose.start', { service: service.name })}
                      </button>
                      <p id={`sharing-service-${idPart(provider.id)}-${service.id}`} className="field-hint">
                        {service.description}
                      </p>
                    </li>
                  ))}
                </ul>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
