/** The simulator's "Voorbereiding op uw afspraak" questionnaire, imported as Regie imports it (STU3 converted to R4). */
import { prepareImport, type FhirJson, type FhirVersion } from '../../src-main/fhir';
import { questionnaireInvitation } from '../../src-main/medmij/simulator/questionnaires';
import { questionnaireForm } from '../../src-main/questionnaires/form';
import type { QuestionnaireForm } from '../../src-preload/contract/questionnaire-form';

export function simulatorInvitation(version: FhirVersion): { questionnaire: FhirJson; task: FhirJson; original: { questionnaire: FhirJson; task: FhirJson } } {
  const [questionnaire, task] = questionnaireInvitation(version, {
    patientId: 'sanne-proef', patientName: 'Sanne Proef (fictief)', requester: 'M. de Wit, huisarts (fictief)', authoredOn: '2026-11-25', dueDate: '2027-01-15',
  }) as [FhirJson, FhirJson];
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: questionnaire }, { resource: task }] };
  const prepared = prepareImport(JSON.stringify(bundle), { versionHint: version });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
  return { questionnaire: prepared.resources[0]!.r4, task: prepared.resources[1]!.r4, original: { questionnaire, task } };
}

export function simulatorForm(version: FhirVersion): QuestionnaireForm {
  return questionnaireForm(simulatorInvitation(version).questionnaire, version);
}

import type { QuestionItem } from '../../src-preload/contract/questionnaire-form';

/** A question with every field defaulted; tests say only what matters to them. */
export function question(linkId: string, type: QuestionItem['type'], more: Partial<QuestionItem> = {}): QuestionItem {
  return {
    linkId, text: `Vraag ${linkId}`, prefix: null, type, required: false, repeats: false, readOnly: false, enableWhen: [], enableBehavior: 'all',
    options: [], unsupported: null, unit: null, minValue: null, maxValue: null, maxLength: null, minLength: null, maxDecimalPlaces: null,
    initial: [], items: [], ...more,
  };
}

export function formOf(...items: QuestionItem[]): QuestionnaireForm {
  return { title: 'Test', description: null, items };
}

import type { RecordStore } from '../../src-main/records/record-store';
import type { SourceInput } from '../../src-main/records/types';

export const vragenlijstenSource: SourceInput = {
  kind: 'provider', label: 'Huisartsenpraktijk De Linde (TEST) — Vragenlijsten', provider: 'delinde@medmij', service: '59',
};

/** Imports the simulator's invitation as a fetch of service 59 would (prepareImport, then the store). */
export function importInvitation(store: RecordStore, version: FhirVersion, source: SourceInput = vragenlijstenSource): string {
  const { original } = simulatorInvitation(version);
  const bundle = {
    resourceType: 'Bundle', type: 'searchset',
    entry: [original.task, original.questionnaire].map((r) => ({ fullUrl: `http://127.0.0.1:9/delinde/fhir/${version.toLowerCase()}/${String(r.resourceType)}/${String(r.id)}`, resource: r })),
  };
  const prepared = prepareImport(JSON.stringify(bundle), { versionHint: version });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
  const report = store.importResources(source, prepared.resources);
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
  const task = store.list({ resourceTypes: ['Task'] }).items[0];
  if (!task) throw new Error('no Task imported');
  return task.id;
}
