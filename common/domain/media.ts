/** The same kinds as core/analysis/types.ts MediaKind. */
export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'other';

// Shared by core (intake) and main (the evidence:// scheme's Content-Type), so both say the same.
// Media type from the file's first bytes (magic numbers), never from its name: a renamed file is still what
// its bytes say. `head` should be the first 4 KiB (ZIP-based documents name their parts near the start).

export type Sniffed = { mediaType: string; kind: MediaKind };

const ascii = (b: Uint8Array, start: number, end: number): string => String.fromCharCode(...b.subarray(start, Math.min(end, b.length)));
const startsWith = (b: Uint8Array, bytes: number[], at = 0): boolean => bytes.every((x, i) => b[at + i] === x);

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

const ftyp = (head: Uint8Array): Sniffed => {
  const brand = ascii(head, 8, 12);
  const boxSize = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
  const compatible: string[] = [];
  for (let i = 16; i + 4 <= Math.min(boxSize, head.length); i += 4) compatible.push(ascii(head, i, i + 4));
  if (brand === 'avif' || brand === 'avis') return { mediaType: 'image/avif', kind: 'image' };
  if (HEIF_BRANDS.has(brand)) return { mediaType: 'image/heic', kind: 'image' };
  if (brand === 'M4A ' || brand === 'M4B ' || brand === 'M4P ' || brand === 'F4A ') return { mediaType: 'audio/mp4', kind: 'audio' };
  if (brand === 'qt  ') return { mediaType: 'video/quicktime', kind: 'video' };
  if (compatible.includes('heic') && !compatible.includes('isom')) return { mediaType: 'image/heic', kind: 'image' };
  return { mediaType: 'video/mp4', kind: 'video' };
};

const zipDocument = (head: Uint8Array): Sniffed => {
  const text = ascii(head, 0, head.length);
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return { mediaType: 'application/vnd.oasis.opendocument.text', kind: 'document' };
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', kind: 'document' };
  if (text.includes('word/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document' };
  if (text.includes('xl/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'document' };
  if (text.includes('ppt/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', kind: 'document' };
  return { mediaType: 'application/zip', kind: 'other' };
};

export const sniffMediaType = (head: Uint8Array): Sniffed => {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', kind: 'image' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', kind: 'image' };
  const six = ascii(head, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return { mediaType: 'image/gif', kind: 'image' };
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return { mediaType: 'image/webp', kind: 'image' };
    if (form === 'WAVE') return { mediaType: 'audio/wav', kind: 'audio' };
    if (form === 'AVI ') return { mediaType: 'video/x-msvideo', kind: 'video' };
  }
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { mediaType: 'image/tiff', kind: 'image' };
  if (ascii(head, 4, 8) === 'ftyp') return ftyp(head);
  if (['moov', 'mdat', 'wide'].includes(ascii(head, 4, 8))) return { mediaType: 'video/quicktime', kind: 'video' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return ascii(head, 0, 64).includes('webm') ? { mediaType: 'video/webm', kind: 'video' } : { mediaType: 'video/x-matroska', kind: 'video' };
  if (ascii(head, 0, 5) === '%PDF-') return { mediaType: 'application/pdf', kind: 'document' };
  if (ascii(head, 0, 4) === 'OggS') return { mediaType: 'audio/ogg', kind: 'audio' };
  if (ascii(head, 0, 4) === 'fLaC') return { mediaType: 'audio/flac', kind: 'audio' };
  if (ascii(head, 0, 3) === 'ID3') return { mediaType: 'audio/mpeg', kind: 'audio' };
  // An MPEG audio frame header: 11 sync bits, then a layer that is not "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return { mediaType: 'audio/mpeg', kind: 'audio' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipDocument(head);
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26) return { mediaType: 'image/bmp', kind: 'image' };
  return { mediaType: 'application/octet-stream', kind: 'other' };
};

/** What a file's extension claims; undefined for extensions we do not judge. */
const EXTENSION_TYPES: Record<string, string[]> = {
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  jfif: ['image/jpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  heic: ['image/heic'],
  heif: ['image/heic'],
  avif: ['image/avif'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  bmp: ['image/bmp'],
  mp4: ['video/mp4'],
  m4v: ['video/mp4'],
  mov: ['video/quicktime', 'video/mp4'],
  webm: ['video/webm'],
  mkv: ['video/x-matroska', 'video/webm'],
  avi: ['video/x-msvideo'],
  pdf: ['application/pdf'],
  wav: ['audio/wav'],
  mp3: ['audio/mpeg'],
  ogg: ['audio/ogg'],
  oga: ['audio/ogg'],
  flac: ['audio/flac'],
  m4a: ['audio/mp4', 'video/mp4'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
  zip: ['application/zip', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
};

/** The types a name's extension claims, or null when the extension is absent or not one we judge. */
export const typesClaimedByName = (name: string): string[] | null => {
  const m = /\.([A-Za-z0-9]{1,6})$/.exec(name);
  return m ? (EXTENSION_TYPES[m[1].toLowerCase()] ?? null) : null;
};

export const extensionMismatch = (name: string, mediaType: string): boolean => {
  const claimed = typesClaimedByName(name);
  return claimed !== null && !claimed.includes(mediaType);
};
