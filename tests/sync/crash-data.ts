/** Data of the kill tests, shared by the test and its child process. */
import type { FhirJson, ReceivedResource } from '../../src-main/fhir/types';

/** Small snapshots and packs, so that a short run writes and compacts many files. */
export const crashTuning = { snapshotEveryFiles: 4, packBytes: 16 * 1024 } as const;

export const batchSize = 150;

/** One import: `size` resources whose ids all start with `${tag}-`, so a partial import would show. */
export function crashBatch(tag: string, size = batchSize): ReceivedResource[] {
  return Array.from({ length: size }, (_, i) => {
    const json = {
      resourceType: 'Observation',
      id: `${tag}-${i}`,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '14749-6', display: 'Glucose' }] },
      effectiveDateTime: `2024-0${(i % 9) + 1}-1${i % 10}`,
      valueQuantity: { value: 4 + (i % 30) / 10, unit: 'mmol/l' },
      note: [{ text: `Meting ${tag} nummer ${i}, nuchter afgenomen.` }],
    };
    return { resourceType: 'Observation', id: json.id, fhirVersion: 'R4', format: 'json', originalText: JSON.stringify(json), json, entryPath: `Bundle.entry[${i}].resource` };
  });
}

export function ownMeasurement(tag: string): FhirJson {
  return { resourceType: 'Observation', id: `own-${tag}`, status: 'final', code: { text: 'Gewicht' }, effectiveDateTime: '2025-01-01', valueQuantity: { value: 80, unit: 'kg' } };
}
