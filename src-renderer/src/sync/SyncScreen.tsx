/**
 * Instellingen → Synchroniseren: what sync does, the folder, status with "Nu synchroniseren",
 * pairing and the device list. The desktop app chooses the folder in the system's folder dialog
 * (app.pickFolder); the browser host cannot, so there the path is typed.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { exampleSyncFolder, type SyncCounts, type SyncProblem } from '../../../src-preload/contract/sync';
import { errorMessage } from '../../../src-preload/contract/errors';
import { useAppInfo } from '../api/app-info';
import { call } from '../api/client';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { Field } from '../components/Field';
import { ScreenHeading } from '../components/ScreenHeading';
import { useErrorText } from '../components/useErrorText';
import { formatDateTime } from '../medmij/format';
import { useLanguage } from '../records/common/useLanguage';
import { useRecordsData } from '../records/data-store';
import { SyncDevices } from './SyncDevices';
import { SyncPairing } from './SyncPairing';
import { SyncWhenClosed } from './SyncWhenClosed';
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
  const info = useAppInfo();
  const status = useSyncStore((s) => s.status);
  const setFolder = useSyncStore((s) => s.setFolder);
  const syncNow = useSyncStore((s) => s.syncNow);
  const current = status?.folder ?? null;
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Saves (or with null stops); true when the core accepted it. */
  async function save(value: string | null): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      await setFolder(value);
      setMessage(value === null ? t('sync.folder.stopped') : t('sync.folder.saved'));
      if (value !== null) void syncNow();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const choose = { current, busy, error, setError, save };
  return (
    <section className="panel sync-folder" aria-labelledby="sync-folder-title">
      <h2 id="sync-folder-title">{t('sync.folder.title')}</h2>
      <p data-testid="sync-folder-current">{current ? t('sync.folder.current', { folder: current }) : t('sync.folder.none')}</p>
      {info?.canPickFolder ? <PickedFolder {...choose} /> : info && <TypedFolder {...choose} example={exampleSyncFolder[info.platform]} />}
      <StatusMessage tone="success" message={message} />
      {current && info?.host === 'electron' && <SyncWhenClosed />}
      {current && (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void save(null)}>
            {t('sync.folder.stop')}
          </button>
        </div>
      )}
    </section>
  );
}

interface ChooseFolderProps {
  current: string | null;
  busy: boolean;
  error: string | null;
  setError(error: string | null): void;
  save(folder: string): Promise<boolean>;
}

/** The desktop app: the system's folder dialog (where a new folder can be made too). */
function PickedFolder({ current, busy, error, setError, save }: ChooseFolderProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();

  async function pick() {
    setError(null);
    try {
      const { folder } = await call('app.pickFolder', { title: t('sync.folder.pickTitle'), ...(current && { defaultPath: current }) });
      if (folder !== null && folder !== current) await save(folder);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <>
      <p className="field-hint">{t('sync.folder.pickHint')}</p>
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void pick()}>
          {current ? t('sync.folder.pickOther') : t('sync.folder.pick')}
        </button>
      </div>
    </>
  );
}

/**
 * The browser host cannot open the system's folder dialog: the path is typed, with an example for
 * this kind of computer, and what is wrong with it is said at the field.
 */
function TypedFolder({ current, busy, error, setError, save, example }: ChooseFolderProps & { example: string }) {
  const { t } = useTranslation();
  const [folder, setFolderInput] = useState(current ?? '');
  const errorId = useId();

  // The saved folder arrives after the first status load.
  useEffect(() => {
    if (current !== null) setFolderInput((typed) => (typed === '' ? current : typed));
  }, [current]);

  function submit(event: FormEvent) {
    event.preventDefault();
    // A path copied with "Kopiëren als pad" (Windows) comes in quotes.
    const value = folder.trim().replace(/^"(.*)"$/, '$1').trim();
    if (!value) {
      setError(t('sync.folder.empty'));
      return;
    }
    if (value !== current) void save(value);
  }

  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">{t('sync.folder.browserNote')}</p>
      <Field
        label={t('sync.folder.label')}
        hint={t('sync.folder.hint', { example })}
        value={folder}
        onValue={(value) => {
          setFolderInput(value);
          if (error) setError(null);
        }}
        autoComplete="off"
        spellCheck={false}
        maxLength={4096}
        className="input-mono"
        aria-invalid={error ? true : undefined}
        describedBy={error ? errorId : undefined}
      />
      <ErrorAlert id={errorId} message={error} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('sync.folder.save')}
        </button>
      </div>
    </form>
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
