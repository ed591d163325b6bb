import { isObject } from '../types';
import { concept, preserve, take, type R } from './helpers';

const CLASS = 'http://terminology.hl7.org/CodeSystem/coverage-class';
const GROUPING = [['group', 'groupDisplay'], ['subGroup', 'subGroupDisplay'], ['plan', 'planDisplay'],
  ['subPlan', 'subPlanDisplay'], ['class', 'classDisplay'], ['subClass', 'subClassDisplay']] as const;

/** Coverage: grouping (group/plan/class + displays) → class[] with the R4 coverage-class types; sequence kept. */
export function coverage(r: R): R {
  const grouping = take(r, 'grouping');
  if (isObject(grouping)) {
    const classes: R[] = [];
    for (const [key, display] of GROUPING) {
      if (typeof grouping[key] !== 'string') continue;
      classes.push({ type: concept(CLASS, key.toLowerCase()), value: grouping[key], ...(typeof grouping[display] === 'string' && { name: grouping[display] }) });
    }
    if (classes.length > 0) r.class = classes;
  }
  preserve(r, 'Coverage.sequence', take(r, 'sequence'));
  return r;
}
