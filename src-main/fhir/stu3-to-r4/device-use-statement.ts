import { preserve, rename, take, type R } from './helpers';

/** DeviceUseStatement: whenUsed → timingPeriod (when no timing given), indication → reasonCode. */
export function deviceUseStatement(r: R): R {
  const whenUsed = take(r, 'whenUsed');
  const hasTiming = ['timingTiming', 'timingPeriod', 'timingDateTime'].some((k) => r[k] !== undefined);
  if (whenUsed !== undefined) {
    if (hasTiming) preserve(r, 'DeviceUseStatement.whenUsed', whenUsed);
    else r.timingPeriod = whenUsed;
  }
  rename(r, 'indication', 'reasonCode');
  return r;
}
