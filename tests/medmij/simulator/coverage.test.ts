/**
 * Every MedMij query the client asks must find something at the provider simulator: for every query
 * set and query, some person in that FHIR version has a match; every `_include` (also `:recurse`)
 * adds at least one resource of its target type for some person; every `follow` reaches an existing
 * resource. Uses the simulator's real search engine and people, without HTTP.
 */
import { describe, expect, it } from 'vitest';
import type { FhirJson } from '../../../src-main/fhir/types';
import { MEDMIJ_QUERY_SETS, expandDateTokens, type MedmijQuery, type MedmijQuerySet } from '../../../src-main/medmij/queries';
import { loadPeople } from '../../../src-main/medmij/simulator/people';
import { SERVICE_RESOURCE_TYPES } from '../../../src-main/medmij/simulator/providers';
import { isIncludeParam, search } from '../../../src-main/medmij/simulator/search';

/** The data's 'now' (date tokens such as `{today-150d}` are expanded from it). */
const TODAY = new Date(2026, 10, 23);

/**
 * Includes whose targets the same search already matches: a lab panel's members carry the panel's
 * category and code system, so `has-member` resolves but adds nothing new. For these the test checks
 * that some match points at existing members instead.
 */
const INCLUDES_OF_MATCHES: Record<string, string[]> = { 'Observation:has-member': ['hasMember', 'reference'] };

const people = loadPeople();
const peopleIn = (set: MedmijQuerySet) => people.filter((p) => p.data[set.fhirVersion]);
const name = (set: MedmijQuerySet, q: MedmijQuery) => `${set.serviceKey}/${set.fhirVersion} ${q.id}`;
const key = (r: FhirJson) => `${String(r.resourceType)}/${String(r.id)}`;

/** What the server lets through for the set's service: its types plus every type the set asks for (as server.ts). */
function allowedTypes(set: MedmijQuerySet): Set<string> {
  const types = new Set(SERVICE_RESOURCE_TYPES[set.serviceKey]);
  for (const q of set.queries) {
    types.add(q.path.split('/')[0]!);
    for (const [n, v] of q.params) if (isIncludeParam(n) && v.split(':')[2]) types.add(v.split(':')[2]!);
    if (q.follow) types.add(q.follow.resourceType);
  }
  return types;
}

function run(resources: FhirJson[], q: MedmijQuery, params: ReadonlyArray<readonly [string, string]>) {
  const [resourceType, op] = q.path.split('/');
  const search_ = new URLSearchParams();
  for (const [k, v] of params) search_.append(k, expandDateTokens(v, TODAY));
  const result = search(resources, { resourceType: resourceType!, lastn: op === '$lastn', params: search_ });
  return { matches: result.matches, included: result.includesFor(result.matches) };
}

/** Every string at a dotted path, through arrays (as the client's follow does). */
function valuesAt(value: unknown, path: string[]): string[] {
  if (path.length === 0) return typeof value === 'string' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

describe('every MedMij query finds data at the simulator', () => {
  for (const set of MEDMIJ_QUERY_SETS) {
    for (const q of set.queries) {
      it(name(set, q), () => {
        const ps = peopleIn(set);
        expect(ps.length, `${name(set, q)}: nobody has ${set.fhirVersion} data`).toBeGreaterThan(0);

        const counts = ps.map((p) => ({ id: p.id, ...run(p.data[set.fhirVersion]!, q, q.params) }));
        const summary = counts.map((c) => `${c.id}=${c.matches.length}+${c.included.length}`).join(' ');
        expect(counts.some((c) => c.matches.length > 0), `${name(set, q)}: no person has a match (${summary})`).toBe(true);

        // Each include on its own: what it adds beyond all the other includes of the query (and the server lets through).
        const allowed = allowedTypes(set);
        for (const [param, value] of q.params.filter(([n]) => isIncludeParam(n))) {
          const target = value.split(':')[2];
          const others = q.params.filter((p) => p[0] !== param || p[1] !== value);
          const adds = ps.flatMap((p) => {
            const all = run(p.data[set.fhirVersion]!, q, q.params).included;
            const without = new Set(run(p.data[set.fhirVersion]!, q, others).included.map(key));
            return all
              .filter((r) => !without.has(key(r)) && allowed.has(String(r.resourceType)) && (!target || r.resourceType === target))
              .map((r) => `${p.id}:${key(r)}`);
          });
          const label = `${name(set, q)} ${param}=${value}`;
          const refPath = INCLUDES_OF_MATCHES[value];
          if (refPath) {
            const resolves = ps.some((p) => {
              const data = p.data[set.fhirVersion]!;
              const ids = new Set(data.map(key));
              return run(data, q, q.params).matches.some((m) => valuesAt(m, refPath).some((r) => ids.has(r)));
            });
            expect(resolves, `${label}: no match points at an existing member`).toBe(true);
          } else {
            expect(adds.length, `${label}: includes no ${target ?? 'resource'} for anybody`).toBeGreaterThan(0);
          }
        }

        // follow: the references point at an existing resource of the asked type.
        if (q.follow) {
          const { fromResource, element, resourceType } = q.follow;
          const reached = ps.flatMap((p) => {
            const data = p.data[set.fhirVersion]!;
            const { matches, included } = run(data, q, q.params);
            const existing = new Set(data.map(key));
            return [...matches, ...included]
              .filter((r) => r.resourceType === fromResource)
              .flatMap((r) => valuesAt(r, element.split('.')))
              .filter((ref) => ref.startsWith(`${resourceType}/`) && existing.has(ref))
              .map((ref) => `${p.id}:${ref}`);
          });
          expect(reached.length, `${name(set, q)}: follow ${fromResource}.${element} reaches no existing ${resourceType}`).toBeGreaterThan(0);
        }
      });
    }
  }
});
