/**
 * Instellingen → Synchroniseren: what sync does, the folder, status with "Nu synchroniseren",
 * pairing and the device list. The folder is typed as a path: a browser cannot pick folders (the
 * Electron shell can offer a native folder picker later).
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncCounts, SyncProblem } from '../../../src-preload/contract/sync';
import { errorMessage } from '../../../src-preload/contract/errors';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { Field } from '../components/Field';
import { ScreenHeading } from '../components/ScreenHeading';
import { useErrorText } from '../components/useErrorText';
import { formatDateTime } from '../medmij/format';
import { useLanguage } from '../records/common/useLanguage';
import { useRecordsData } from '../records/data-store';
import { SyncDevices } from './SyncDevices';
import { SyncPairing } from './SyncPairing';
import { useSyncStore } from './store';
import './sync.css';

export function SyncScreen() {
  const { t } = useTranslation();
  const closeScreen = useSyncStore((s) => s.closeScreen);
  const loadStatus = useSyncStore((s) => s.loadStatus);
  const explain = t('sync.explain', { returnObjects: true }) as string[];

  // Fresh status on opening, and after a change in the record (pending changes go up).
  useEffect(() => {
    void loadStatus();
    return useRecordsData.subscribe((state, previous) => {
      if (state.version !== previous.version) void loadStatus();
    });
  }, [loadStatus]);

  return (
    <section className="settings sync-screen">
      <button type="button" className="link-button back-link" onClick={closeScreen}>
        {t('sync.back')}
      </button>
      <ScreenHeading>{t('sync.title')}</ScreenHeading>
      <section className="panel" aria-labelledby="sync-explain-title">
        <h2 id="sync-explain-title">{t('sync.explainTitle')}</h2>
        {explain.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </section>
      <SyncFolder />
      <SyncStatusPanel />
      <SyncPairing />
      <SyncDevices />
    </section>
  );
}

function SyncFolder() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useSyncStore((s) => s.status);
  const setFolder = useSyncStore((s) => s.setFolder);
  const syncNow = useSyncStore((s) => s.syncNow);
  const current = status?.folder ?? null;
  const [folder, setFolderInput] = useState(current ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The saved folder arrives after the first status load.
  useEffect(() => {
    if (current !== null) setFolderInput((typed) => (typed === '' ? current : typed));
  }, [current]);

  async function save(value: string | null) {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      await setFolder(value);
      setMessage(value === null ? t('sync.folder.stopped') : t('sync.folder.saved'));
      if (value === null) setFolderInput('');
      else void syncNow();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = folder.trim();
    if (value) void save(value);
  }

  return (
    <section className="panel" aria-labelledby="sync-folder-title">
      <h2 id="sync-folder-title">{t('sync.folder.title')}</h2>
      <p>{current ? t('sync.folder.current', { folder: current }) : t('sync.folder.none')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('sync.folder.label')}
          hint={t('sync.folder.hint')}
          value={folder}
          onValue={setFolderInput}
          autoComplete="off"
          spellCheck={false}
          maxLength={4096}
          className="input-mono"
        />
        <StatusMessage tone="success" message={message} />
        <ErrorAlert message={error} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy || !folder.trim() || folder.trim() === current}>
            {t('sync.folder.save')}
          </button>
          {current && (
            <button type="button" className="button" disabled={busy} onClick={() => void save(null)}>
              {t('sync.folder.stop')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function roundMessage(t: TFunction, counts: SyncCounts): string {
  const parts: string[] = [];
  if (counts.join === 'joined') parts.push(t('sync.status.doneJoined'));
  else if (counts.pulled.updates + counts.pulled.snapshots + counts.pulled.bodies > 0) parts.push(t('sync.status.doneReceived'));
  else parts.push(t('sync.status.done'));
  if (counts.waiting > 0) parts.push(t('sync.status.waitingFiles', { count: counts.waiting }));
  return parts.join(' ');
}

function SyncStatusPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useSyncStore((s) => s.status);
  const running = useSyncStore((s) => s.running);
  const lastRound = useSyncStore((s) => s.lastRound);
  const roundError = useSyncStore((s) => s.roundError);
  const syncNow = useSyncStore((s) => s.syncNow);
  const manualRounds = useSyncStore((s) => s.manualRounds);
  const [asked, setAsked] = useState(false);
  if (!status?.folder) return null;

  const { pending } = status;
  const message = running && asked ? t('sync.status.syncing') : asked && lastRound?.manual ? roundMessage(t, lastRound.counts) : null;

  return (
    <section className="panel" aria-labelledby="sync-status-title" data-testid="sync-status" data-rounds={manualRounds}>
      <h2 id="sync-status-title">{t('sync.status.title')}</h2>
      <ul className="plain-list sync-facts">
        <li data-testid="sync-last">
          {status.lastSyncAt ? t('sync.status.lastSync', { date: formatDateTime(status.lastSyncAt, language) }) : t('sync.status.never')}
        </li>
        {pending.changes === 0 && pending.bodies === 0 && <li>{t('sync.status.pendingNone')}</li>}
        {pending.changes > 0 && <li>{t('sync.status.pendingChanges', { count: pending.changes })}</li>}
        {pending.bodies > 0 && <li>{t('sync.status.pendingBodies', { count: pending.bodies })}</li>}
      </ul>
      <p className="muted">{t('sync.status.auto')}</p>
      <StatusMessage tone={running ? 'info' : 'success'} message={message} />
      <ErrorAlert message={roundError ? t('sync.status.failed', { reason: errorMessage(roundError, language) }) : null} />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setAsked(true);
            void syncNow({ manual: true });
          }}
        >
          {t('sync.status.syncNow')}
        </button>
      </div>
      {status.errors.length > 0 && <Problems problems={status.errors.slice(0, 5)} />}
    </section>
  );
}

function Problems({ problems }: { problems: SyncProblem[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const known = new Set(Object.keys(t('sync.problem', { returnObjects: true }) as Record<string, string>));
  return (
    <div className="sync-problems">
      <h3>{t('sync.status.problemsTitle')}</h3>
      <p>{t('sync.status.problemsExplain')}</p>
      <ul className="plain-list">
        {problems.map((p, i) => (
          <li key={`${p.at}-${i}`}>
            <span className="muted">{formatDateTime(p.at, language)}: </span>
            {t(`sync.problem.${known.has(p.kind) && p.kind !== 'at' ? p.kind : 'other'}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
