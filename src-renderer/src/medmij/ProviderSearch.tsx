import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderSummary } from '../../../src-preload/contract/medmij';
import { useLanguage } from '../records/common/useLanguage';
import { idPart } from './format';
import { useMedmijStore } from './store';

const DEBOUNCE_MS = 300;

/** "Gegevens ophalen": find a provider by name or place and choose which data services to fetch. */
export function ProviderSearch() {
  const { t } = useTranslation();
  const storedQuery = useMedmijStore((s) => s.query);
  const results = useMedmijStore((s) => s.results);
  const searchState = useMedmijStore((s) => s.searchState);
  const search = useMedmijStore((s) => s.search);
  const [text, setText] = useState(storedQuery);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const runNow = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    void search(value);
  };

  let status = '';
  if (searchState === 'loading') status = t('medmij.search.searching');
  else if (searchState === 'error') status = t('medmij.search.failed');
  else if (searchState === 'ready' && results)
    status = results.length ? t('medmij.search.found', { count: results.length }) : t('medmij.search.none', { query: storedQuery });

  return (
    <section aria-labelledby="medmij-search-title" className="medmij-search">
      <h2 id="medmij-search-title">{t('medmij.search.title')}</h2>
      <p>{t('medmij.intro')}</p>
      <form
        role="search"
        aria-label={t('medmij.search.form')}
        className="medmij-search-form"
        onSubmit={(event) => {
          event.preventDefault();
          runNow(text);
        }}
      >
        <div className="field">
          <label htmlFor="medmij-search">{t('medmij.search.label')}</label>
          <p id="medmij-search-hint" className="field-hint">
            {t('medmij.search.hint')}
          </p>
          <div className="medmij-search-row">
            <input
              id="medmij-search"
              type="search"
              value={text}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="medmij-search-hint"
              onChange={(event) => {
                const value = event.target.value;
                setText(value);
                if (timer.current) clearTimeout(timer.current);
                timer.current = setTimeout(() => runNow(value), DEBOUNCE_MS);
              }}
            />
            <button type="submit" className="button">
              {t('medmij.search.submit')}
            </button>
          </div>
        </div>
      </form>
      <p role="status" className={status ? 'medmij-search-status' : 'alert-empty'} data-testid="medmij-search-status">
        {status}
      </p>
      {results && results.length > 0 && (
        <ul className="medmij-providers" aria-label={t('medmij.search.results')}>
          {results.map((provider) => (
            <li key={provider.id}>
              <ProviderCard provider={provider} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ProviderCard({ provider }: { provider: ProviderSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const selected = useMedmijStore((s) => s.selected[provider.id]);
  const toggleService = useMedmijStore((s) => s.toggleService);
  const startPlan = useMedmijStore((s) => s.startPlan);
  const [missing, setMissing] = useState(false);
  const base = `medmij-provider-${idPart(provider.id)}`;
  const chosen = provider.services.filter((s) => selected?.includes(s.id));
  const anyRecommended = provider.services.some((s) => s.recommended);

  return (
    <article className="medmij-provider" aria-labelledby={`${base}-name`} data-provider-id={provider.id}>
      <h3 id={`${base}-name`}>{provider.displayName}</h3>
      <p className="muted medmij-place">{provider.place ?? t('medmij.search.placeUnknown')}</p>
      <fieldset aria-describedby={`${base}-note`}>
        <legend>{t('medmij.search.servicesLegend')}</legend>
        <p id={`${base}-note`} className="field-hint">
          {t('medmij.search.servicesNote')}
          {anyRecommended && ` ${t('medmij.search.recommendedNote')}`}
        </p>
        <div className="medmij-services">
          {provider.services.map((service) => {
            const id = `${base}-${idPart(service.id)}`;
            const described = [service.description && `${id}-about`, service.advice && `${id}-advice`].filter(Boolean).join(' ');
            return (
              <div key={service.id} className="medmij-service">
                <label className="checkbox" htmlFor={id}>
                  <input
                    type="checkbox"
                    id={id}
                    aria-describedby={described || undefined}
                    data-service-id={service.id}
                    checked={selected?.includes(service.id) ?? false}
                    onChange={(event) => {
                      toggleService(provider.id, service.id, event.target.checked);
                      if (event.target.checked) setMissing(false);
                    }}
                  />
                  <span>{service.name}</span>
                </label>
                {service.description && (
                  <p id={`${id}-about`} className="medmij-service-about">
                    {service.description}
                  </p>
                )}
                {service.advice && (
                  <p id={`${id}-advice`} className={service.recommended ? 'medmij-service-advice medmij-service-recommended' : 'medmij-service-advice'}>
                    {service.advice[language]}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      <p className={chosen.length ? 'medmij-chosen' : 'alert-empty'} aria-live="polite">
        {chosen.length > 0 && t('medmij.search.chosen', { count: chosen.length })}
      </p>
      <div role="alert" className={missing ? 'alert alert-error' : 'alert-empty'}>
        {missing && t('medmij.search.chooseFirst')}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            if (chosen.length === 0) {
              setMissing(true);
              return;
            }
            startPlan({ id: provider.id, displayName: provider.displayName }, chosen);
          }}
        >
          {t('medmij.search.start')}
        </button>
      </div>
    </article>
  );
}
