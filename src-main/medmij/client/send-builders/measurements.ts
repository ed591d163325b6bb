/**
 * Zelfmetingen delen (53, Meetwaarden vitale functies 2.0, STU3): the person's own measurements in
 * one batch Bundle — a Patient and one Observation per measurement, each POSTed — as Nictiz's
 * SelfMeasurements 2.0 TestScripts send them (src/SelfMeasurements-2-0/Cert/Sending-PHR,
 * operation-create-bundle-batch; fixture medmij-selfmeasurements-query-send-scenario-2-2-bundle).
 * Profiles (zib 2017): zib-BloodPressure, zib-BodyWeight, zib-HeartRate, zib-BodyTemperature, and
 * vitalsign-bloodglucose for glucose (category SNOMED 49581000146104, as the Nictiz fixture has it).
 *
 * Only own entries ("zelf ingevoerd") are sent: values from a care provider are theirs already.
 */
import type { MeasurementPoint } from '../../../../src-preload/contract/measurements';
import type { MeasurementKind } from '../../../../src-preload/contract/record-sections';
import type { SendSelection } from '../../../../src-preload/contract/sharing';
import { isObject, type FhirJson } from '../../../fhir/types';
import type { RecordStore } from '../../../records/record-store';
import type { BuiltItem, SendBuilder, SendContext } from '../send-types';
import { bundleOf, describedConcept, invalid, patientEntry, personDisplay, postEntry, recordIdentifier, reference } from './common';

const nictiz = 'http://nictiz.nl/fhir/StructureDefinition';

const stu3Kinds: Readonly<Record<MeasurementKind, { profile: string; label: { nl: string; en: string } }>> = {
  'blood-pressure': { profile: `${nictiz}/zib-BloodPressure`, label: { nl: 'Bloeddruk', en: 'Blood pressure' } },
  weight: { profile: `${nictiz}/zib-BodyWeight`, label: { nl: 'Gewicht', en: 'Weight' } },
  glucose: { profile: `${nictiz}/vitalsign-bloodglucose`, label: { nl: 'Bloedsuiker (glucose)', en: 'Blood sugar (glucose)' } },
  'heart-rate': { profile: `${nictiz}/zib-HeartRate`, label: { nl: 'Hartslag', en: 'Heart rate' } },
  temperature: { profile: `${nictiz}/zib-BodyTemperature`, label: { nl: 'Temperatuur', en: 'Temperature' } },
};

const vitalSigns = { coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'vital-signs', display: 'Vital Signs' }] };
const labFinding = { coding: [{ system: 'http://snomed.info/sct', code: '49581000146104', display: 'Laboratory test finding (finding)' }] };

/** The own measurements chosen: named ones (each must be own), or every own one of the kind and period. */
function chosenPoints(store: RecordStore, selection: Extract<SendSelection, { kind: 'measurements' }>): MeasurementPoint[] {
  if (selection.recordIds) {
    return [...new Set(selection.recordIds)].map((id) => {
      const point = store.measurement(id);
      if (!point || !point.own) throw invalid('not-own-measurement');
      if (selection.measurementKind && point.kind !== selection.measurementKind) throw invalid('wrong-selection');
      return point;
    });
  }
  const { points } = store.measurements({
    ...(selection.measurementKind && { kind: selection.measurementKind }),
    ...(selection.from && { from: selection.from }),
    ...(selection.to && { to: selection.to }),
  });
  return points.filter((p) => p.own);
}

/** The STU3 Observation of an own measurement (its R4 form as Regie stored it). */
function observationOf(r4: FhirJson, point: MeasurementPoint, patient: FhirJson): FhirJson {
  const kind = stu3Kinds[point.kind];
  const code = describedConcept(r4.code, kind.label.nl);
  const note = Array.isArray(r4.note) ? r4.note.find(isObject) : undefined;
  const quantity = (value: unknown) => (isObject(value) && isObject(value.valueQuantity) ? { valueQuantity: { ...value.valueQuantity } } : {});
  return {
    resourceType: 'Observation',
    meta: { profile: [kind.profile] },
    identifier: [recordIdentifier(point.id)],
    status: 'final',
    category: [point.kind === 'glucose' ? labFinding : vitalSigns],
    ...(code && { code }),
    subject: patient,
    effectiveDateTime: r4.effectiveDateTime,
    performer: [patient],
    ...(point.kind === 'blood-pressure'
      ? {
          component: (Array.isArray(r4.component) ? r4.component.filter(isObject) : []).map((c) => ({
            code: describedConcept(c.code),
            ...quantity(c),
          })),
        }
      : quantity(r4)),
    // STU3 Observation has one comment where R4 has notes.
    ...(note && typeof note.text === 'string' && { comment: note.text }),
  };
}

export const measurementsBuilder: SendBuilder<'measurements'> = {
  serviceId: '53',
  selection: 'measurements',
  fhirVersions: ['STU3'],
  build(context: SendContext, selection) {
    const points = chosenPoints(context.store, selection);
    if (points.length === 0) throw invalid(selection.recordIds ? 'nothing-selected' : 'no-measurements');
    const patient = patientEntry(context);
    const patientRef = reference(patient.fullUrl, personDisplay(context));
    const entries = [postEntry(patient)];
    const items: BuiltItem[] = [];
    for (const point of points) {
      const r4 = context.store.ownResource(point.id);
      if (!r4) throw invalid('not-own-measurement');
      const fullUrl = context.newFullUrl();
      entries.push(postEntry({ fullUrl, resource: observationOf(r4, point, patientRef) }));
      items.push({
        kind: 'measurement',
        label: stu3Kinds[point.kind].label,
        detail: point.valueText,
        date: point.date,
        recordId: point.id,
        fullUrl,
      });
    }
    return {
      request: { method: 'POST', path: '', body: bundleOf('batch', entries) },
      items: [personItem(context, patient.fullUrl), ...items],
    };
  },
};

/** The person's own details travel with every send: the preview says so. */
export function personItem(context: SendContext, fullUrl: string): BuiltItem {
  const { name, birthDate } = context.person;
  const detail = [name, birthDate && `geboren ${birthDate}`].filter(Boolean).join(', ') || 'uw naam en geboortedatum zijn niet bekend';
  return { kind: 'person', label: { nl: 'Uw gegevens', en: 'Your details' }, detail, date: null, recordId: null, fullUrl };
}
