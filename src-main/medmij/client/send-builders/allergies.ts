/**
 * Medicatiegerelateerde overgevoeligheden delen (58, STU3): the medication allergies and
 * intolerances in the person's record, sent to a provider as zib-AllergyIntolerance (zib 2017)
 * resources with the Patient, each POSTed in a batch Bundle. No Nictiz PHR sending TestScript exists
 * for this service; the request follows the same general rules (send-rules.ts) and the batch form of
 * the other "send what I have" scenario, SelfMeasurements 2.0. Only records whose category is
 * "medication" qualify: this service is about hypersensitivities to medicines.
 *
 * Regie keeps records as R4; STU3 has the same elements here except that clinicalStatus and
 * verificationStatus are plain codes, `recordedDate` is `assertedDate` and notes are Annotations in
 * both.
 */
import { isObject, type FhirJson } from '../../../fhir/types';
import type { BuiltItem, SendBuilder, SendContext } from '../send-types';
import { bundleOf, conceptWords, describedConcept, invalid, patientEntry, personDisplay, postEntry, recordIdentifier, reference } from './common';
import { personItem } from './measurements';

const profile = 'http://nictiz.nl/fhir/StructureDefinition/zib-AllergyIntolerance';

const firstCode = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (!isObject(value) || !Array.isArray(value.coding)) return undefined;
  const coding = value.coding.find(isObject);
  return coding && typeof coding.code === 'string' ? coding.code : undefined;
};

function allergyOf(r4: FhirJson, recordId: string, patient: FhirJson): FhirJson {
  const clinical = firstCode(r4.clinicalStatus);
  const verification = firstCode(r4.verificationStatus) ?? 'unconfirmed';
  const reactions = (Array.isArray(r4.reaction) ? r4.reaction.filter(isObject) : []).map((reaction) => {
    const substance = describedConcept(reaction.substance);
    const manifestation = (Array.isArray(reaction.manifestation) ? reaction.manifestation : []).map((m) => describedConcept(m)).filter((m) => m !== null);
    return {
      ...(substance && { substance }),
      manifestation: manifestation.length > 0 ? manifestation : [{ text: 'Onbekende reactie' }],
      ...(typeof reaction.description === 'string' && { description: reaction.description }),
      ...(typeof reaction.onset === 'string' && { onset: reaction.onset }),
      ...(typeof reaction.severity === 'string' && { severity: reaction.severity }),
    };
  });
  const code = describedConcept(r4.code, 'Overgevoeligheid voor een medicijn');
  const notes = (Array.isArray(r4.note) ? r4.note.filter(isObject) : []).filter((n) => typeof n.text === 'string').map((n) => ({ text: n.text }));
  return {
    resourceType: 'AllergyIntolerance',
    meta: { profile: [profile] },
    identifier: [recordIdentifier(recordId)],
    ...(clinical && ['active', 'inactive', 'resolved'].includes(clinical) && { clinicalStatus: clinical }),
    verificationStatus: ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'].includes(verification) ? verification : 'unconfirmed',
    ...(typeof r4.type === 'string' && { type: r4.type }),
    category: ['medication'],
    ...(typeof r4.criticality === 'string' && { criticality: r4.criticality }),
    ...(code && { code }),
    patient,
    ...(typeof r4.onsetDateTime === 'string' && { onsetDateTime: r4.onsetDateTime }),
    ...(typeof r4.recordedDate === 'string' && { assertedDate: r4.recordedDate }),
    ...(typeof r4.lastOccurrence === 'string' && { lastOccurrence: r4.lastOccurrence }),
    ...(notes.length > 0 && { note: notes }),
    ...(reactions.length > 0 && { reaction: reactions }),
  };
}

export const allergiesBuilder: SendBuilder<'allergies'> = {
  serviceId: '58',
  selection: 'allergies',
  fhirVersions: ['STU3'],
  build(context: SendContext, selection) {
    const patient = patientEntry(context);
    const patientRef = reference(patient.fullUrl, personDisplay(context));
    const entries = [postEntry(patient)];
    const items: BuiltItem[] = [personItem(context, patient.fullUrl)];
    for (const recordId of new Set(selection.recordIds)) {
      const detail = context.store.get(recordId);
      const r4 = detail.resource as FhirJson;
      const categories = Array.isArray(r4.category) ? r4.category : [];
      if (detail.resourceType !== 'AllergyIntolerance' || !categories.includes('medication')) throw invalid('not-medication-allergy');
      const fullUrl = context.newFullUrl();
      entries.push(postEntry({ fullUrl, resource: allergyOf(r4, recordId, patientRef) }));
      const reaction = (Array.isArray(r4.reaction) ? r4.reaction.filter(isObject) : [])
        .flatMap((r) => (Array.isArray(r.manifestation) ? r.manifestation.map(conceptWords) : []))
        .filter((w): w is string => w !== null);
      items.push({
        kind: 'allergy',
        label: { nl: 'Overgevoeligheid voor een medicijn', en: 'Hypersensitivity to a medicine' },
        detail: [conceptWords(r4.code) ?? detail.title, reaction.length > 0 ? `reactie: ${reaction.join(', ')}` : null].filter(Boolean).join(' — '),
        date: detail.date,
        recordId,
        fullUrl,
      });
    }
    return { request: { method: 'POST', path: '', body: bundleOf('batch', entries) }, items };
  },
};
