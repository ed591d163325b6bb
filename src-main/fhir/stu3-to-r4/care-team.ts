import { rename, type R } from './helpers';

/**
 * CareTeam: context → encounter. participant.role (0..1 → 0..*) is left to the cardinality pass;
 * status codes, participant.member/onBehalfOf and managingOrganization are the same in R4.
 */
export function careTeam(r: R): R {
  rename(r, 'context', 'encounter');
  return r;
}
