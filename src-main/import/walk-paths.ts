/**
 * Lists the files behind what the person named: files as they are, folders recursively (links
 * followed, in name order), so the run knows its count before it starts. A link back into a folder
 * being read is a loop and reported, never followed; what cannot be read is reported too. Only
 * names and sizes are collected here: the files are read one at a time later.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportFileOutcome } from '../../src-preload/contract/imports';
import { kindOfFile } from './file-kinds';
import { outcomeFor } from './reasons';

export type ListedPath = { kind: 'file'; name: string; path: string; size: number } | { kind: 'problem'; outcome: ImportFileOutcome };

export async function listPaths(paths: readonly string[], stopped: () => boolean = () => false): Promise<ListedPath[]> {
  const listed: ListedPath[] = [];
  for (const path of paths) {
    if (stopped()) break;
    await visit(path, basename(path) || path, new Set(), listed, stopped);
  }
  return listed;
}

async function visit(path: string, name: string, ancestors: Set<string>, listed: ListedPath[], stopped: () => boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    // ELOOP: a link that (through other links) points at itself.
    listed.push({ kind: 'problem', outcome: outcomeFor(name, (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'link-loop' : 'unreadable') });
    return;
  }
  if (info.isFile()) {
    listed.push({ kind: 'file', name, path, size: info.size });
    return;
  }
  if (!info.isDirectory()) return; // sockets, devices, pipes: nothing a person exports
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(path);
    if (ancestors.has(real)) {
      listed.push({ kind: 'problem', outcome: outcomeFor(name, 'link-loop') });
      return;
    }
    entries = await readdir(path, { withFileTypes: true });
  } catch {
    listed.push({ kind: 'problem', outcome: outcomeFor(name, 'unreadable') });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const inside = new Set(ancestors).add(real);
  for (const entry of entries) {
    if (stopped()) return;
    const childName = `${name}/${entry.name}`;
    // What the person named is always read; system files and folders inside it are not.
    if (kindOfFile(childName) === 'system') continue;
    await visit(join(path, entry.name), childName, inside, listed, stopped);
  }
}
