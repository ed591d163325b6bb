/**
 * Documenten (PDF/A) delen (57, PDF/A 3.0, STU3): one PDF in a transaction Bundle with the Patient,
 * a DocumentManifest, the DocumentReference and the Binary holding the PDF, all POSTed — as Nictiz's
 * PDF/A 3.0 TestScripts send one document (src/PDFA-3-0/Cert/PHR-Client/medmij-pdfa-phr-3-1-send-1-
 * document.xml: "Bundle.type = 'transaction'", one DocumentReference, one Binary, one Patient;
 * fixture medmij-pdfa-Bundle-kwalificatie1). Profiles: IHE.MHD.Minimal.DocumentReference and
 * IHE.MHD.DocumentManifest; the Binary declares none (the TestScripts exempt it). The provider, as
 * an Organization entry, is the manifest's recipient.
 */
import { randomUUID } from 'node:crypto';
import type { FhirJson } from '../../../fhir/types';
import type { BuiltItem, SendBuilder, SendContext } from '../send-types';
import {
  bundleOf,
  checkDay,
  invalid,
  patientEntry,
  personDisplay,
  postEntry,
  providerEntry,
  reference,
  sizeWords,
} from './common';
import { attachmentOf, binaryOf, chosenFile, fileSummary } from './files';
import { personItem } from './measurements';

const nictiz = 'http://nictiz.nl/fhir/StructureDefinition';
/** A document the patient made or kept: LOINC 51855-5 "Patient Note" (no zib code list for its type). */
const patientDocument = { coding: [{ system: 'http://loinc.org', code: '51855-5', display: 'Patient Note' }], text: 'Document van de patiënt' };

export const documentBuilder: SendBuilder<'document'> = {
  serviceId: '57',
  selection: 'document',
  fhirVersions: ['STU3'],
  build(context: SendContext, selection) {
    const file = chosenFile(context.store, selection, (type) => type === 'application/pdf', selection.recordId ? 'not-a-document' : 'not-pdf');
    const title = selection.title || file.recordTitle || file.name.replace(/\.pdf$/i, '') || 'Document';
    const date = selection.date ? checkDay(selection.date, context.now) : file.recordDate;
    if (title.length > 200) throw invalid('wrong-selection');
    const description = selection.description || null;

    const patient = patientEntry(context);
    const patientRef = reference(patient.fullUrl, personDisplay(context));
    const provider = providerEntry(context);
    const binaryUrl = context.newFullUrl();
    const referenceUrl = context.newFullUrl();
    const manifestUrl = context.newFullUrl();
    const indexed = context.now.toISOString();

    const documentReference: FhirJson = {
      resourceType: 'DocumentReference',
      meta: { profile: [`${nictiz}/IHE.MHD.Minimal.DocumentReference`] },
      masterIdentifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${randomUUID()}` },
      status: 'current',
      type: patientDocument,
      subject: patientRef,
      indexed,
      author: [patientRef],
      description: title,
      content: [
        {
          attachment: { ...attachmentOf(file, binaryUrl, title), language: 'nl', ...(date && { creation: date }) },
        },
      ],
    };
    const manifest: FhirJson = {
      resourceType: 'DocumentManifest',
      meta: { profile: [`${nictiz}/IHE.MHD.DocumentManifest`] },
      masterIdentifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${randomUUID()}` },
      status: 'current',
      type: patientDocument,
      subject: patientRef,
      created: indexed,
      author: [patientRef],
      recipient: [reference(provider.fullUrl, context.provider.name)],
      description: description ?? title,
      content: [{ pReference: reference(referenceUrl, title) }],
    };

    const items: BuiltItem[] = [
      personItem(context, patient.fullUrl),
      {
        kind: 'document',
        label: { nl: 'Document (PDF)', en: 'Document (PDF)' },
        detail: [title, description, sizeWords(file.bytes.length)].filter(Boolean).join(' — '),
        date,
        recordId: file.recordId,
        fullUrl: referenceUrl,
        file: fileSummary(file),
      },
    ];
    return {
      request: {
        method: 'POST',
        path: '',
        body: bundleOf('transaction', [
          postEntry(patient),
          postEntry(provider),
          postEntry({ fullUrl: manifestUrl, resource: manifest }),
          postEntry({ fullUrl: referenceUrl, resource: documentReference }),
          postEntry({ fullUrl: binaryUrl, resource: binaryOf(file) }),
        ]),
      },
      items,
    };
  },
};
