/**
 * What the person chose, as files with the path inside what they chose: "export/brieven/a.json"
 * for a folder (picked or dropped), the plain name for a file. Dropped folders are read through
 * the browser's file system entries, one directory page at a time.
 */
export interface PickedFile {
  file: File;
  /** Path inside what was chosen; the core shows it in the summary per file. */
  path: string;
  /** Came from a folder (so a letter in it is not "chosen on its own"). */
  inFolder: boolean;
}

/** From an <input type="file"> (with or without webkitdirectory). */
export function pickedFromInput(files: readonly File[]): PickedFile[] {
  return files.map((file) => {
    const relative = file.webkitRelativePath;
    return relative ? { file, path: relative, inFolder: true } : { file, path: file.name, inFolder: false };
  });
}

/** From a drop: the entries must be taken while the drop event runs; reading them may take longer. */
export function droppedEntries(dataTransfer: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries: FileSystemEntry[] = [];
  for (const item of dataTransfer.items) {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  return { entries, files: [...dataTransfer.files] };
}

export async function pickedFromDrop({ entries, files }: { entries: FileSystemEntry[]; files: File[] }): Promise<PickedFile[]> {
  if (entries.length === 0) return pickedFromInput(files);
  const picked: PickedFile[] = [];
  for (const entry of entries) await collect(entry, entry.name, false, picked);
  return picked;
}

async function collect(entry: FileSystemEntry, path: string, inFolder: boolean, into: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.push({ file, path, inFolder });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers a page at a time (about 100 entries) until it answers an empty page.
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) break;
    children.push(...page);
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) await collect(child, `${path}/${child.name}`, true, into);
}
