import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { DomainError } from '../../common/result.ts';

// Reads an import file as UTF-8 text in small chunks, so a large file is never held whole and the event
// loop gets a turn between chunks (a cancel or another call can be answered mid-file).

export const READ_CHUNK_BYTES = 64 * 1024;

/** What a file that is not text usually is, by its first bytes, so the message can name it. */
const KNOWN_BINARY: { magic: number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive or an Excel workbook (.xlsx)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel or Word document (.xls, .doc)' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'a SQLite database' },
];

const SAVE_AS = 'Save it from your spreadsheet as "CSV UTF-8" (or export JSON) and choose that file.';

export const notTextMessage = (first: Uint8Array): string | null => {
  for (const k of KNOWN_BINARY) {
    if (k.magic.every((b, i) => first[i] === b)) return `This file is ${k.what}, not a CSV or JSON file. ${SAVE_AS}`;
  }
  const probe = first.subarray(0, 8192);
  if (probe.includes(0)) return `This file is not text (it contains binary data), so it is not a CSV or JSON file. ${SAVE_AS}`;
  return null;
};

export type FileFingerprint = { size: number; mtimeMs: number };

export const fingerprint = (path: string): FileFingerprint => {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s?.isFile()) throw new DomainError('NOT_FOUND', `${path} is not a file.`);
  return { size: s.size, mtimeMs: s.mtimeMs };
};

export type TextChunk = { text: string; bytesRead: number };

/**
 * The file's text, chunk by chunk, with a byte count for progress. Refuses an empty file, a file that is
 * binary, and one that is not UTF-8, in words a person can act on. A UTF-8 byte-order mark is dropped.
 */
export async function* readTextChunks(path: string, sha256?: { update: (b: Uint8Array) => void }): AsyncGenerator<TextChunk> {
  const { size } = fingerprint(path);
  if (size === 0) throw new DomainError('INVALID_INPUT', 'The file is empty: it has no header line and no rows.');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytesRead = 0;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    if (first) {
      const problem = notTextMessage(bytes);
      if (problem) throw new DomainError('INVALID_INPUT', problem);
      first = false;
    }
    sha256?.update(bytes);
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new DomainError('INVALID_INPUT', `The file is not UTF-8 text (a byte near position ${bytesRead.toLocaleString('en-US')} is not valid UTF-8). ${SAVE_AS}`);
    }
    bytesRead += bytes.length;
    yield { text, bytesRead };
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new DomainError('INVALID_INPUT', `The file is not UTF-8 text (it ends in the middle of a character). ${SAVE_AS}`);
  }
  if (tail) yield { text: tail, bytesRead };
}

export const sha256Hasher = () => createHash('sha256');
