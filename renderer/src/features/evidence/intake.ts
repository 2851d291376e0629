import type { PickedFile } from '../../stores/evidence/index.ts';

// Turning what a person picked or dropped into a flat list of files with their place in any folder.

/** Files from an <input type="file">, with or without `webkitdirectory`. */
export const pickedFiles = (list: FileList | null, fromFolder: boolean): PickedFile[] =>
  Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name, source: fromFolder ? 'folder' : 'picker' }));

const fileOf = (entry: FileSystemFileEntry): Promise<File | null> => new Promise((resolve) => entry.file(resolve, () => resolve(null)));

const childrenOf = async (dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> => {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries answers in chunks (about 100 at a time in Chromium) until it answers with none.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
};

/** Cap on files taken from one drop, so a dropped home folder cannot flood the queue. */
export const MAX_DROPPED_FILES = 1000;

const walk = async (entry: FileSystemEntry, out: PickedFile[], unreadable: string[], inFolder: boolean): Promise<void> => {
  if (out.length >= MAX_DROPPED_FILES) return;
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    if (file) out.push({ file, path: entry.fullPath.replace(/^\//, ''), source: inFolder ? 'folder' : 'drop' });
    else unreadable.push(entry.fullPath.replace(/^\//, ''));
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, out, unreadable, true);
  }
};

/** Files and folders (walked recursively) from a drop. Entries must be taken before the first await. */
export const droppedFiles = async (data: DataTransfer): Promise<{ files: PickedFile[]; unreadable: string[]; capped: boolean }> => {
  const entries = Array.from(data.items)
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry());
  const plain = Array.from(data.files);
  const files: PickedFile[] = [];
  const unreadable: string[] = [];
  if (entries.length === 0 || entries.some((e) => e === null)) {
    // No entry API (or a file the browser cannot describe): take the flat file list.
    return { files: plain.map((file) => ({ file, path: file.name, source: 'drop' })), unreadable, capped: false };
  }
  for (const entry of entries) await walk(entry as FileSystemEntry, files, unreadable, false);
  return { files, unreadable, capped: files.length >= MAX_DROPPED_FILES };
};
