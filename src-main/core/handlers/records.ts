/** Handlers of the health record: import, browse, search, detail, attachments. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRepresentation } from '../../medmij/client/profile-state';
import { importFiles } from '../../records/import-files';
import { addOwnDocument } from '../../records/own-documents';
import { readIdentity, setIdentityByPerson } from '../../records/person-identity';
import { addMeasurement } from '../../records/own-measurements';
import type { HandlerDeps, HandlersFor } from './types';

/** The fictitious practice patient shipped in resources/ (see resources/voorbeeld-pgo/README.md). */
const examplePatientFile = 'voorbeeld-pgo/voorbeeld-pgo.r4.json';
const examplePatientSource = 'Voorbeeld-PGO (fictieve gegevens)';

export function recordsHandlers({ recordStores, now, resourcesDir }: HandlerDeps): HandlersFor<'records'> {
  return {
    'records.import': ({ profileId, files, sourceLabel, allowOtherPerson }) => {
      const store = recordStores.of(profileId);
      return importFiles(
        store,
        files.map((file) => ({ name: file.name, content: Buffer.from(file.contentBase64, 'base64') })),
        { sourceLabel, now: now(), representationBirthDate: readRepresentation(store)?.birthDate ?? null, allowOtherPerson },
      );
    },
    'records.list': ({ profileId, ...query }) => recordStores.of(profileId).list(query, now()),
    'records.get': ({ profileId, recordId, language }) => recordStores.of(profileId).get(recordId, language),
    'records.search': ({ profileId, ...search }) => recordStores.of(profileId).search(search),
    'records.overview': ({ profileId }) => recordStores.of(profileId).overview(now()),
    'records.medication': ({ profileId }) => recordStores.of(profileId).medication(now()),
    'records.sectionCounts': ({ profileId }) => recordStores.of(profileId).sectionCounts(),
    'records.sources': ({ profileId }) => recordStores.of(profileId).sources(),
    'records.attachment': ({ profileId, recordId, index }) => {
      const attachment = recordStores.of(profileId).attachment(recordId, index);
      return { title: attachment.title, contentType: attachment.contentType, dataBase64: attachment.data.toString('base64') };
    },
    'records.loadExample': ({ profileId }) =>
      importFiles(
        recordStores.of(profileId),
        [{ name: 'voorbeeld-pgo.r4.json', content: readFileSync(join(resourcesDir, examplePatientFile)) }],
        { sourceLabel: examplePatientSource, now: now(), originKind: 'example' },
      ),
    'records.addMeasurement': ({ profileId, ...measurement }) =>
      addMeasurement(recordStores.of(profileId), measurement, new Date(now())),
    'records.hide': ({ profileId, recordId, reason, note }) => {
      const entry = { reason, note: note?.trim() || null, hiddenAt: new Date(now()).toISOString() };
      recordStores.of(profileId).setHidden(recordId, entry);
      return entry;
    },
    'records.unhide': ({ profileId, recordId }) => {
      recordStores.of(profileId).setHidden(recordId, null);
      return {};
    },
    'records.hidden': ({ profileId }) => recordStores.of(profileId).hiddenRecords(),
    'records.markVisited': ({ profileId }) => {
      recordStores.of(profileId).markVisited(now());
      return {};
    },
    'records.identity': ({ profileId }) => readIdentity(recordStores.of(profileId)),
    'records.setIdentity': ({ profileId, name, birthDate, correct }) =>
      setIdentityByPerson(recordStores.of(profileId), { name, birthDate }, new Date(now()), { correct: correct ?? false }),
    'records.addDocument': ({ profileId, title, date, contentBase64 }) =>
      addOwnDocument(recordStores.of(profileId), { bytes: Buffer.from(contentBase64, 'base64'), title, date }, new Date(now())),
  };
}
