import { isObject } from '../types';
import { rename, take, type R } from './helpers';

/** Device: udi → udiCarrier (+ deviceName 'udi-label-name'), model → modelNumber, version → version[{value}]. */
export function device(r: R): R {
  const udi = take(r, 'udi');
  if (isObject(udi)) {
    const name = take(udi, 'name');
    r.udiCarrier = [udi];
    if (typeof name === 'string') r.deviceName = [{ name, type: 'udi-label-name' }];
  }
  rename(r, 'model', 'modelNumber');
  const version = take(r, 'version');
  if (typeof version === 'string') r.version = [{ value: version }];
  return r;
}
