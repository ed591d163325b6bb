/**
 * Where an import's time goes, for the bench (`npm run bench -- records`). The import marks which
 * stage its work belongs to (`const back = enterStage('fts'); …; enterStage(back)`); while a clock
 * runs, the time between two marks is added to the stage that was current. Without a running clock
 * (always, outside the bench) a mark is one comparison, so the marks can stay in the hot paths.
 */
import { performance } from 'node:perf_hooks';

export const stages = ['parse', 'convert', 'validate', 'bodies', 'yjs', 'sql', 'fts', 'commit', 'other'] as const;
export type Stage = (typeof stages)[number];

let clock: { totals: Record<Stage, number>; current: Stage; since: number } | null = null;

/** From now on the work is `next`'s; returns the stage it was in, to go back to. */
export function enterStage(next: Stage): Stage {
  if (clock === null) return next;
  const now = performance.now();
  const previous = clock.current;
  clock.totals[previous] += now - clock.since;
  clock.current = next;
  clock.since = now;
  return previous;
}

export function startStageClock(): void {
  clock = { totals: Object.fromEntries(stages.map((stage) => [stage, 0])) as Record<Stage, number>, current: 'other', since: performance.now() };
}

/** Milliseconds per stage since startStageClock. */
export function stopStageClock(): Record<Stage, number> {
  if (clock === null) throw new Error('no stage clock running');
  enterStage('other');
  const { totals } = clock;
  clock = null;
  return totals;
}
