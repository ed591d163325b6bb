/**
 * A write checks whether another process compacted (doc-persistence catchUp) before it logs: that
 * check must not read the stored snapshot, which for a large profile is tens of MB of encrypted
 * overflow pages (a sync round on a 100,000-resource profile spent half a second there per write).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestProfile, type TestProfile } from './helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});

describe('writes on a profile with a large snapshot', () => {
  it('cost the same as on a small one', () => {
    const small = openTestProfile();
    const large = openTestProfile();
    profiles.push(small, large);
    // 40 MB of incompressible text in the document, compacted into one stored snapshot.
    large.store.setPersonSetting('bench.padding', randomBytes(30 * 1024 * 1024).toString('base64'));
    large.store.compact();
    expect(large.db.prepare('SELECT length(data) FROM yjs_snapshot').pluck().get()).toBeGreaterThan(30_000_000);

    const timeWrites = (p: TestProfile) => {
      const times: number[] = [];
      for (let i = 0; i < 9; i += 1) {
        const start = performance.now();
        p.store.markVisited(new Date(Date.UTC(2025, 0, 1, 0, 0, i)));
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[4]!;
    };
    timeWrites(small);
    const onSmall = timeWrites(small);
    const onLarge = timeWrites(large);
    // Reading 40 MB of encrypted pages per write takes hundreds of ms; a small write takes a few.
    expect(onLarge).toBeLessThan(Math.max(60, onSmall * 8));
  });
});
