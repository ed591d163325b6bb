/** English texts of importing many files, folders and zip archives at once. */
import type { bulkNl } from './bulk.nl';

export const bulkEn: typeof bulkNl = {
  folderButton: 'Import folder',
  pickFilesTitle: 'Choose files to import',
  pickFolderTitle: 'Choose a folder to import',
  starting: 'The import is starting…',
  progress: 'Importing files… {{done}} of {{total}}',
  progressUnknown: 'Importing files… {{done}} done',
  progressLabel: 'Progress of the import',
  current: 'Now: {{file}}',
  stop: 'Stop',
  stopping: 'The import stops after this file…',
  partialTitle: 'Not everything was imported',
  stoppedTitle: 'Import stopped',
  files_one: '{{count}} file: {{parts}}.',
  files_other: '{{number}} files: {{parts}}.',
  parts: {
    imported_one: '{{count}} imported',
    imported_other: '{{count}} imported',
    unchanged_one: '{{count}} you already had',
    unchanged_other: '{{count}} you already had',
    refused_one: '{{count}} refused',
    refused_other: '{{count}} refused',
    skipped_one: '{{count}} skipped',
    skipped_other: '{{count}} skipped',
  },
  records_one: 'In it {{count}} record: {{parts}}.',
  records_other: 'In them {{number}} records: {{parts}}.',
  stopped: {
    canceled: 'You stopped the import. What was already imported stays.',
    locked: 'The profile locked, and the import stopped. What was already imported stays.',
  },
  refusedList: 'These files were not imported:',
  perFile: 'What happened to each file?',
  status: { imported: 'imported', unchanged: 'you already had', refused: 'refused', skipped: 'skipped' },
  unreadable: 'The file could not be read. Does it still exist, and may you open it?',
};
