/** Issue 10.10–10.11 in the vault: leaving with "open laten", the warning before auto-lock, drafts across a lock. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lockWarningMs, type Vault } from '../../src-main/vault/vault';
import { codeAt, createProfile, expectRegieError, makeTempDir, makeVault, strongPassword, TestClock } from './helpers';

describe('a lock that suits a shared computer', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: TestClock;
  let vault: Vault;
  beforeEach(() => {
    temp = makeTempDir();
    clock = new TestClock();
    vault = makeVault(temp.dir, clock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vault.lockAll('manual');
    temp.remove();
  });

  it('keeps a profile left open only until the person is back in it, and a new window locks the rest', async () => {
    const anna = await createProfile(vault, clock, 'Anna');
    const kees = await createProfile(vault, clock, 'Kees');
    vault.keepOpen(anna.id);
    vault.lockAll('manual', { exceptKeptOpen: true });
    expect(vault.isUnlocked(anna.id)).toBe(true);
    expect(vault.isUnlocked(kees.id)).toBe(false);
    vault.touch(anna.id); // back in Anna's profile
    vault.lockAll('manual', { exceptKeptOpen: true });
    expect(vault.isUnlocked(anna.id)).toBe(false);
  });

  it('warns a minute before an idle lock (half the delay when shorter)', async () => {
    expect(lockWarningMs(5 * 60_000)).toBe(60_000);
    expect(lockWarningMs(60_000)).toBe(30_000);
    const { id } = await createProfile(vault, clock);
    const events: string[] = [];
    vault.onLockSoon(() => events.push('soon'));
    vault.onLocked(() => events.push('locked'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vault.touch(id); // default 5 minutes
    vi.advanceTimersByTime(4 * 60_000 - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['soon']);
    vault.touch(id); // a key pressed after the warning: a new full period
    vi.advanceTimersByTime(4 * 60_000 + 30_000);
    expect(events).toEqual(['soon', 'soon']);
    vi.advanceTimersByTime(30_000);
    expect(events).toEqual(['soon', 'soon', 'locked']);
  });

  it('keeps a draft across the lock, readable only once unlocked again, and only by that profile', async () => {
    const anna = await createProfile(vault, clock, 'Anna');
    const kees = await createProfile(vault, clock, 'Kees');
    vault.putDraft(anna.id, '{"forms":{"measurements.add":{"value":"135"}}}');
    vault.lock(anna.id, 'idle');
    await expectRegieError(() => vault.takeDraft(anna.id), 'profile-locked');
    expect(vault.takeDraft(kees.id)).toBeNull();
    clock.nextStep();
    await vault.unlock(anna.id, strongPassword, codeAt(anna.secret, clock.time));
    expect(vault.takeDraft(anna.id)).toBe('{"forms":{"measurements.add":{"value":"135"}}}');
    expect(vault.takeDraft(anna.id)).toBeNull();
    await expectRegieError(() => vault.putDraft(anna.id, 'x'.repeat(70 * 1024)), 'invalid-request');
  });
});
