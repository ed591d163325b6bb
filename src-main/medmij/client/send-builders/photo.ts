/**
 * Beelden (55, Images 2.0, STU3): a photo the person took (a skin condition, a wound) with what it
 * shows and when, in a transaction Bundle as Nictiz's Images 2.0 TestScripts send one image
 * (src/Images-2-0/Cert/PHR-Client/medmij-images-phr-1-1-send-one-image.xml; fixture
 * images-scenario-1-1-Bundle-one-image): a List (images-List) naming the recipient in the
 * images-recipient extension, the Media (images-Media, type photo, the description as its note), the
 * Binary with the image (no profile: the TestScript counts every resource but the Binary), the
 * Patient, and here the provider as the recipient (Organization). Everything is POSTed.
 */
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

export const photoBuilder: SendBuilder<'photo'> = {
  serviceId: '55',
  selection: 'photo',
  fhirVersions: ['STU3'],
  build(context: SendContext, selection) {
    const description = selection.description.trim();
    if (!description) throw invalid('no-description');
    const date = checkDay(selection.date, context.now);
    const file = chosenFile(context.store, selection, (type) => type === 'image/jpeg' || type === 'image/png', 'not-image');
    const title = selection.title || file.recordTitle || 'Foto';

    const patient = patientEntry(context);
    const patientRef = reference(patient.fullUrl, personDisplay(context));
    const provider = providerEntry(context);
    const binaryUrl = context.newFullUrl();
    const mediaUrl = context.newFullUrl();
    const listUrl = context.newFullUrl();

    const media: FhirJson = {
      resourceType: 'Media',
      meta: { profile: [`${nictiz}/images-Media`] },
      type: 'photo',
      subject: patientRef,
      occurrenceDateTime: date,
      operator: patientRef,
      content: { ...attachmentOf(file, binaryUrl, title), creation: date },
      note: [{ text: description }],
    };
    const list: FhirJson = {
      resourceType: 'List',
      meta: { profile: [`${nictiz}/images-List`] },
      extension: [{ url: `${nictiz}/images-recipient`, valueReference: reference(provider.fullUrl, context.provider.name) }],
      status: 'current',
      mode: 'snapshot',
      title,
      subject: patientRef,
      date: context.now.toISOString(),
      source: patientRef,
      entry: [{ item: reference(mediaUrl, title) }],
    };

    const items: BuiltItem[] = [
      personItem(context, patient.fullUrl),
      {
        kind: 'photo',
        label: { nl: 'Foto', en: 'Photo' },
        detail: `${description} — ${sizeWords(file.bytes.length)}`,
        date,
        recordId: file.recordId,
        fullUrl: mediaUrl,
        file: fileSummary(file),
      },
    ];
    return {
      request: {
        method: 'POST',
        path: '',
        body: bundleOf('transaction', [
          postEntry({ fullUrl: listUrl, resource: list }),
          postEntry({ fullUrl: mediaUrl, resource: media }),
          postEntry({ fullUrl: binaryUrl, resource: binaryOf(file) }),
          postEntry(patient),
          postEntry(provider),
        ]),
      },
      items,
    };
  },
};
