export * from './types';
export { MEDMIJ_QUERY_SETS, querySetFor } from './sets';
export { FORBIDDEN_PATIENT_PARAMS, forbiddenPatientParams, buildQueryUrl, expandDateTokens, resolveOnEndpoint, type BuildQueryUrlOptions } from './url';
