/**
 * "Delen": choose a provider and a sending service, say what to send, see exactly what will be sent,
 * "Versturen", log in at the provider, and the answer; plus the Verstuurd log.
 *
 * Progress comes from the core's 'sharing.progress' events, with sharing.status polled as a fallback.
 * Everything here is cleared when the profile locks or another opens (registerReset). A chosen file
 * stays in memory only (its bytes go to the core in the prepare request), never in storage.
 */
import { create } from 'zustand';
import type { ErrorPayload } from '../../../src-preload/contract/errors';
import type { SendPreview, SendProgress, SendProvider, SendSelection, SentEntry } from '../../../src-preload/contract/sharing';
import { appHost } from '../medmij/store';
import { call, onEvent, toErrorPayload } from '../api/client';
import { currentSession, registerReset, stillCurrent } from '../records/reset';

export type SendService = SendProvider['services'][number];

export type SharingStep =
  | { name: 'choose' }
  | { name: 'what'; provider: SendProvider; service: SendService; error?: ErrorPayload; busy?: boolean }
  | { name: 'preview'; provider: SendProvider; service: SendService; preview: SendPreview; photo: string | null; error?: ErrorPayload; busy?: boolean }
  | { name: 'sending'; preview: SendPreview; photo: string | null; authorizationUrl: string; progress: SendProgress | null; error?: ErrorPayload };

interface SharingState {
  providers: SendProvider[] | null;
  providersState: 'idle' | 'loading' | 'ready' | 'error';
  step: SharingStep;
  sent: SentEntry[] | null;
  sentState: 'idle' | 'loading' | 'ready' | 'error';

  loadProviders(): Promise<void>;
  loadSent(): Promise<void>;
  choose(provider: SendProvider, service: SendService): void;
  /** Builds the preview; `photo` is a data: URL of the chosen photo, to show with it. */
  prepare(selection: SendSelection, photo: string | null): Promise<void>;
  /** "Versturen". */
  send(): Promise<void>;
  cancel(): Promise<void>;
  back(): void;
  restart(): void;
}

const finalStages = new Set<SendProgress['stage']>(['done', 'failed', 'cancelled']);
const POLL_MS = 1500;
let pollTimer: ReturnType<typeof setInterval> | null = null;
let unsubscribe: (() => void) | null = null;

export const useSharingStore = create<SharingState>()((set, get) => {
  function apply(progress: SendProgress): void {
    const step = get().step;
    if (step.name !== 'sending' || step.preview.sendId !== progress.sendId) return;
    set({ step: { ...step, progress } });
    if (finalStages.has(progress.stage)) {
      stopPolling();
      void get().loadSent();
    }
  }

  function ensureEvents(): void {
    if (unsubscribe) return;
    unsubscribe = onEvent((message) => {
      if (message.event !== 'sharing.progress') return;
      const progress = message.payload as SendProgress;
      const session = currentSession();
      if (session && progress.profileId === session.profileId) apply(progress);
    });
  }

  async function poll(): Promise<void> {
    const step = get().step;
    const session = currentSession();
    if (step.name !== 'sending' || !session) return stopPolling();
    try {
      const progress = await call('sharing.status', { sendId: step.preview.sendId });
      if (stillCurrent(session)) apply(progress);
    } catch {
      // A forgotten send keeps its last known state on screen.
    }
  }

  function startPolling(): void {
    if (!pollTimer) pollTimer = setInterval(() => void poll(), POLL_MS);
  }

  return {
    providers: null,
    providersState: 'idle',
    step: { name: 'choose' },
    sent: null,
    sentState: 'idle',

    async loadProviders() {
      const session = currentSession();
      if (!session) return;
      set({ providersState: 'loading' });
      try {
        const providers = await call('sharing.searchProviders', { profileId: session.profileId, query: '' });
        if (stillCurrent(session)) set({ providers, providersState: 'ready' });
      } catch {
        if (stillCurrent(session)) set({ providersState: 'error' });
      }
    },

    async loadSent() {
      const session = currentSession();
      if (!session) return;
      set({ sentState: get().sent ? 'ready' : 'loading' });
      try {
        const sent = await call('sharing.sent', { profileId: session.profileId });
        if (stillCurrent(session)) set({ sent, sentState: 'ready' });
      } catch {
        if (stillCurrent(session)) set({ sentState: 'error' });
      }
    },

    choose(provider, service) {
      set({ step: { name: 'what', provider, service } });
    },

    async prepare(selection, photo) {
      const step = get().step;
      const session = currentSession();
      if (step.name !== 'what' || !session) return;
      set({ step: { name: 'what', provider: step.provider, service: step.service, busy: true } });
      try {
        const preview = await call('sharing.prepare', { profileId: session.profileId, providerId: step.provider.id, serviceId: step.service.id, selection });
        if (!stillCurrent(session)) return;
        set({ step: { name: 'preview', provider: step.provider, service: step.service, preview, photo } });
      } catch (error) {
        if (stillCurrent(session)) set({ step: { name: 'what', provider: step.provider, service: step.service, error: toErrorPayload(error) } });
      }
    },

    async send() {
      const step = get().step;
      const session = currentSession();
      if (step.name !== 'preview' || step.busy || !session) return;
      ensureEvents();
      set({ step: { ...step, busy: true } });
      try {
        const [host, begun] = await Promise.all([appHost(), call('sharing.send', { sendId: step.preview.sendId })]);
        if (!stillCurrent(session)) return;
        // The desktop app's core opens the system browser itself; in a plain browser we do it here.
        if (host === 'browser') window.open(begun.authorizationUrl, '_blank', 'noopener');
        set({ step: { name: 'sending', preview: step.preview, photo: step.photo, authorizationUrl: begun.authorizationUrl, progress: null } });
        startPolling();
        void poll();
      } catch (error) {
        if (stillCurrent(session)) set({ step: { ...step, busy: false, error: toErrorPayload(error) } });
      }
    },

    async cancel() {
      const step = get().step;
      if (step.name === 'sending') {
        try {
          await call('sharing.cancel', { sendId: step.preview.sendId });
          await poll();
        } catch (error) {
          const now = get().step;
          if (now.name === 'sending') set({ step: { ...now, error: toErrorPayload(error) } });
        }
        return;
      }
      if (step.name === 'preview') void call('sharing.cancel', { sendId: step.preview.sendId }).catch(() => undefined);
      stopPolling();
      set({ step: { name: 'choose' } });
    },

    back() {
      const step = get().step;
      if (step.name === 'preview') {
        // The prepared send is dropped: a new preview is made from what the person changes.
        void call('sharing.cancel', { sendId: step.preview.sendId }).catch(() => undefined);
        set({ step: { name: 'what', provider: step.provider, service: step.service } });
      } else if (step.name === 'what') {
        set({ step: { name: 'choose' } });
      }
    },

    restart() {
      stopPolling();
      set({ step: { name: 'choose' } });
    },
  };
});

function stopPolling(): void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

registerReset(() => {
  stopPolling();
  useSharingStore.setState({ providers: null, providersState: 'idle', step: { name: 'choose' }, sent: null, sentState: 'idle' });
});
