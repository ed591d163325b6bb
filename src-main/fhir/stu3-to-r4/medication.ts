import { isObject } from '../types';
import { list, preserve, rename, take, type R } from './helpers';

/** Medication: isBrand/isOverTheCounter/image kept as extensions; ingredient.amount → strength; package.batch → batch. */
export function medication(r: R): R {
  preserve(r, 'Medication.isBrand', take(r, 'isBrand'));
  preserve(r, 'Medication.isOverTheCounter', take(r, 'isOverTheCounter'));
  preserve(r, 'Medication.image', take(r, 'image'));
  for (const ing of list(r.ingredient)) if (isObject(ing)) rename(ing, 'amount', 'strength');
  const pkg = take(r, 'package');
  if (isObject(pkg)) {
    const batch = list(pkg.batch)[0];
    if (isObject(batch)) r.batch = batch;
    const rest = { ...pkg };
    delete rest.batch;
    if (Object.keys(rest).length > 0) preserve(r, 'Medication.package', rest);
  }
  return r;
}
