/**
 * The Verstuurd log in the profile's Yjs document: written once, persisted (encrypted with the
 * record), synced to another device as an ordinary document update, read back newest first, and an
 * entry that is not a valid version-1 entry is left out rather than guessed at.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SentEntry } from '../../src-preload/contract/sharing';
import { recordDocOf } from '../../src-main/records/doc-model';
import { listSent, recordSent, sendsOfRecord } from '../../src-main/sharing/sent-log';
import { openTestProfile, type TestProfile } from '../records/helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup.splice(0).reverse()) remove();
});

function profile(): TestProfile {
  const p = openTestProfile();
  cleanup.push(() => p.remove());
  return p;
}

const entry = (id: string, sentAt: string, outcome: SentEntry['outcome'] = 'accepted'): SentEntry => ({
  version: 1,
  id,
  sentAt,
  provider: { id: 'delinde@medmij', name: 'Huisartsenpraktijk De Linde' },
  service: { id: '53', name: 'Zelfmetingen delen' },
  outcome,
  httpStatus: outcome === 'unknown' ? null : 200,
  message: { nl: 'Aangenomen.', en: 'Accepted.' },
  providerSaid: [],
  items: [
    { kind: 'measurement', label: { nl: 'Bloeddruk', en: 'Blood pressure' }, detail: '132/84 mmHg', date: '2026-11-01T08:30:00+01:00', recordId: 'rec-1', status: outcome === 'accepted' ? 'accepted' : 'unknown', reason: null },
  ],
});

describe('the Verstuurd log', () => {
  it('keeps each send once, newest first, across a reopen', () => {
    let p = profile();
    recordSent(p.store, entry('a', '2026-11-01T10:00:00.000Z'));
    recordSent(p.store, entry('b', '2026-11-02T10:00:00.000Z', 'unknown'));
    // Written once: the same id again changes nothing.
    recordSent(p.store, { ...entry('a', '2026-11-01T10:00:00.000Z'), outcome: 'refused' });
    p = p.reopen();
    expect(listSent(p.store).map((e) => [e.id, e.outcome])).toEqual([
      ['b', 'unknown'],
      ['a', 'accepted'],
    ]);
    expect(sendsOfRecord(p.store, 'rec-1')).toHaveLength(2);
    expect(sendsOfRecord(p.store, 'rec-2')).toEqual([]);
  });

  it('syncs to another device as a document update', () => {
    const first = profile();
    const second = profile();
    recordSent(first.store, entry('a', '2026-11-01T10:00:00.000Z'));
    second.store.applyRemoteUpdate(Y.encodeStateAsUpdate(first.store.doc));
    expect(listSent(second.store)).toEqual([entry('a', '2026-11-01T10:00:00.000Z')]);
  });

  it('leaves out what is not a valid entry, and refuses to write one', () => {
    const p = profile();
    p.store.addSentEntry('odd', { version: 2, id: 'odd' });
    recordSent(p.store, entry('a', '2026-11-01T10:00:00.000Z'));
    expect(recordDocOf(p.store.doc).sent.size).toBe(2);
    expect(listSent(p.store).map((e) => e.id)).toEqual(['a']);
    expect(() => recordSent(p.store, { ...entry('c', 'x'), items: [{ kind: 'nonsense' }] } as unknown as SentEntry)).toThrow();
  });
});
