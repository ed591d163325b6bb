/** The health record store: Yjs document as source of truth, derived SQL tables for queries. */
export { RecordStore, type RecordStoreOptions, type UpdateListener } from './record-store';
export { importFiles, type ImportFile, type ImportFilesOptions } from './import-files';
export type { ListQuery } from './list-records';
export type { SearchResult } from './search-records';
export type { SourceWithCounts } from './counts';
export type { Body } from './bodies';
export type { Attachment, ImportBatch, ImportOptions, ImportResource, SourceInput } from './types';
export { sectionOf } from './sections';
export { sourceIdOf } from './ids';
