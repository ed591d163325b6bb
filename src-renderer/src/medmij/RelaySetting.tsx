import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useErrorText } from '../components/useErrorText';
import { useRelayStore } from './relay-store';

/**
 * "Relay voor echte zorgaanbieders": the address of the relay (Regie's MedMij node, run by whoever
 * offers Regie) and whether MedMij's lists come through it. Saving checks that a relay answers there.
 */
export function RelaySetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const relay = useRelayStore((s) => s.state?.relay ?? null);
  const fromCommand = useRelayStore((s) => s.state?.fromCommand ?? false);
  const saved = useRelayStore((s) => s.saved);
  const [url, setUrl] = useState('');
  const [listsViaRelay, setListsViaRelay] = useState(true);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'cleared' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const urlId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    setUrl(relay?.url ?? '');
    setListsViaRelay(relay?.listsViaRelay ?? true);
  }, [relay]);

  async function save(setting: { url: string; listsViaRelay: boolean } | null) {
    if (setting && !setting.url.trim()) {
      setStatus('error');
      setError(t('medmij.relay.urlMissing'));
      return;
    }
    setStatus('saving');
    setError(null);
    try {
      saved(await call('medmij.setRelay', { relay: setting }));
      setStatus(setting ? 'saved' : 'cleared');
    } catch (caught) {
      setStatus('error');
      setError(errorText(caught));
    }
  }

  const message = status === 'saving' ? t('medmij.relay.saving') : status === 'saved' ? t('medmij.relay.saved') : status === 'cleared' ? t('medmij.relay.cleared') : '';
  return (
    <section aria-labelledby="medmij-relay-title" className="medmij-relay" data-testid="medmij-relay">
      <h2 id="medmij-relay-title">{t('medmij.relay.title')}</h2>
      <p>{t('medmij.relay.intro')}</p>
      <div className="notice notice-calm" data-testid="medmij-relay-current">
        {relay ? (
          <>
            <p className="strong">{t('medmij.relay.current', { relay: relay.label })}</p>
            {relay.hostname && relay.hostname !== relay.label && <p>{t('medmij.relay.currentName', { hostname: relay.hostname })}</p>}
            <p>{relay.listsViaRelay ? t('medmij.relay.listsVia') : t('medmij.relay.listsDirect')}</p>
            {fromCommand && <p>{t('medmij.relay.fromCommand')}</p>}
          </>
        ) : (
          <p>{t('medmij.relay.none')}</p>
        )}
      </div>
      <p className="muted">{t('medmij.relay.privacy')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save({ url, listsViaRelay });
        }}
      >
        <div className="field">
          <label htmlFor={urlId}>{t('medmij.relay.url')}</label>
          <p id={hintId} className="field-hint">
            {t('medmij.relay.urlHint')}
          </p>
          <input
            id={urlId}
            type="url"
            inputMode="url"
            value={url}
            maxLength={300}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={status === 'error' && error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={status === 'error' ? true : undefined}
            onChange={(event) => {
              setUrl(event.target.value);
              setStatus('idle');
            }}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={listsViaRelay} onChange={(event) => setListsViaRelay(event.target.checked)} />
          {t('medmij.relay.lists')}
        </label>
        <p id={errorId} role="alert" className={status === 'error' && error ? 'alert alert-error' : 'alert-empty'}>
          {status === 'error' ? error : ''}
        </p>
        <p role="status" className="muted">
          {message}
        </p>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={status === 'saving'}>
            {t('medmij.relay.save')}
          </button>
          {relay && !fromCommand && (
            <button type="button" className="button" disabled={status === 'saving'} onClick={() => void save(null)}>
              {t('medmij.relay.clear')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** One line near the top of Zorgaanbieders: which relay fetching goes through, if any. */
export function RelayNotice() {
  const { t } = useTranslation();
  const relay = useRelayStore((s) => s.state?.relay ?? null);
  if (!relay) return null;
  return (
    <p className="notice notice-calm medmij-relay-notice" data-testid="medmij-relay-notice">
      {t('medmij.relay.notice', { relay: relay.label })}
    </p>
  );
}
