import { open, readFile, rm, stat } from 'node:fs/promises';
import { FFMPEG_MISSING, ffmpegPath, probeMedia, runFfmpeg } from '../ffmpeg.ts';
import { findingsFor } from '../finding.ts';
import type { Analyzer, Finding } from '../types.ts';

// Video, audio and document checks that read structure, not content: duration, codecs, encoder tags,
// keyframes for the image analyzers, WAV and PDF headers.

const EDIT_TOOLS = /premiere|after effects|final cut|davinci|capcut|imovie|filmora|vegas|shotcut|kdenlive|inshot|vn video|audacity|audition|garageband|logic pro|fl studio|adobe/i;

export const MAX_KEYFRAMES = 8;

const readRange = async (path: string, position: number, length: number): Promise<Buffer> => {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
};

export const videoAnalyzer = (tempFile: (prefix: string) => string): Analyzer => {
  const self = { id: 'video', version: '1.0.0' };
  return {
    ...self,
    title: 'Video structure and keyframes',
    accepts: ['video'],
    unavailable: () => (ffmpegPath() ? null : FFMPEG_MISSING),
    run: async (input) => {
      const finding = findingsFor(self, input);
      const report = await probeMedia(input.path, input.signal);
      const out: Finding[] = [];
      if (!report.video || report.problem) {
        return [finding({ label: 'video.damaged', severity: 'error', explanation: `The video could not be read${report.problem ? ` (${report.problem})` : ''}: it is damaged, truncated or not really a video. Ask for the original file from the device that recorded it.`, data: { ...report } })];
      }
      out.push(finding({ label: 'video.info', severity: 'info', explanation: `${report.video.codec} video, ${report.video.width} x ${report.video.height}${report.durationSeconds !== null ? `, ${report.durationSeconds.toFixed(1)} s` : ''}${report.tags.creation_time ? `, recorded ${report.tags.creation_time}` : ''}.`, data: { ...report } }));
      const tool = Object.values(report.tags).find((t) => EDIT_TOOLS.test(t));
      if (tool) out.push(finding({ label: 'video.editing-software', severity: 'warning', score: 0.5, explanation: `The video names editing software ("${tool}"): it was exported by an editor rather than straight from the camera. That shows it was processed, not what was changed.`, data: { software: tool } }));
      if (report.tags.creation_time && input.claim?.incidentAt) {
        const rec = new Date(report.tags.creation_time);
        const inc = new Date(input.claim.incidentAt);
        if (!Number.isNaN(rec.getTime()) && !Number.isNaN(inc.getTime()) && rec.getTime() < inc.getTime() - 24 * 3600_000) {
          out.push(finding({ label: 'video.recorded-before-incident', severity: 'alert', score: 0.7, explanation: `The video says it was recorded ${report.tags.creation_time}, more than a day before the incident (${input.claim.incidentAt}). Container dates are easy to change and some phones store UTC, so confirm with the person who recorded it.` }));
        }
      }
      // Keyframes by seeking (so a long or 2 GB file is never decoded whole), at most MAX_KEYFRAMES.
      const duration = report.durationSeconds ?? 0;
      const count = duration > 0 ? Math.min(MAX_KEYFRAMES, Math.max(1, Math.floor(duration))) : 1;
      const frames: { index: number; timeSeconds: number; sha256: string }[] = [];
      for (let i = 0; i < count; i++) {
        input.signal.throwIfAborted();
        const t = duration > 0 ? (duration * (i + 0.5)) / count : 0;
        const file = `${tempFile('frame')}.png`;
        try {
          const r = await runFfmpeg(['-v', 'error', '-ss', t.toFixed(3), '-i', input.path, '-frames:v', '1', '-an', '-vf', "scale='min(960,iw)':-2", '-y', file], 30_000, input.signal);
          if (r.code === 0) {
            const bytes = await readFile(file).catch(() => null);
            if (bytes && bytes.length > 0) frames.push({ index: i, timeSeconds: Math.round(t * 1000) / 1000, sha256: await input.saveArtifact(bytes, 'image/png', `Keyframe at ${t.toFixed(1)} s`) });
          }
        } finally {
          await rm(file, { force: true });
        }
        input.progress((i + 1) / count);
      }
      out.push(finding({ label: 'video.keyframes', severity: 'info', explanation: `${frames.length} frame(s) were sampled across the video and checked like photos (re-use, faces).`, parameters: { maxFrames: MAX_KEYFRAMES }, artifacts: frames.map((f) => ({ sha256: f.sha256, mediaType: 'image/png', label: `Keyframe at ${f.timeSeconds.toFixed(1)} s` })), data: { frames } }));
      return out;
    },
  };
};

/** Parses a WAV (RIFF) header from its first bytes. */
export const parseWav = (head: Buffer, fileSize: number) => {
  if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let p = 12;
  let fmt: { format: number; channels: number; sampleRate: number; byteRate: number; bits: number } | null = null;
  let dataSize: number | null = null;
  let software: string | null = null;
  while (p + 8 <= head.length) {
    const id = head.toString('latin1', p, p + 4);
    const size = head.readUInt32LE(p + 4);
    if (id === 'fmt ' && p + 24 <= head.length) fmt = { format: head.readUInt16LE(p + 8), channels: head.readUInt16LE(p + 10), sampleRate: head.readUInt32LE(p + 12), byteRate: head.readUInt32LE(p + 16), bits: head.readUInt16LE(p + 22) };
    if (id === 'LIST') {
      const isft = head.indexOf('ISFT', p, 'latin1');
      if (isft > 0 && isft < p + 8 + size) software = head.toString('latin1', isft + 8, isft + 8 + head.readUInt32LE(isft + 4)).replace(/\0+$/, '');
    }
    if (id === 'data') {
      dataSize = size;
      break;
    }
    p += 8 + size + (size % 2);
  }
  if (!fmt) throw new Error('the WAV file has no format chunk');
  const available = dataSize === null ? 0 : Math.max(0, fileSize - p - 8);
  return { ...fmt, dataSize, durationSeconds: dataSize !== null && fmt.byteRate > 0 ? Math.min(dataSize, available) / fmt.byteRate : null, truncated: dataSize !== null && dataSize > available, software };
};

export const audioAnalyzer = (): Analyzer => {
  const self = { id: 'audio', version: '1.0.0' };
  return {
    ...self,
    title: 'Audio duration and metadata',
    accepts: ['audio'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      if (input.mediaType === 'audio/wav') {
        let wav: ReturnType<typeof parseWav>;
        try {
          wav = parseWav(await readRange(input.path, 0, 65536), input.size);
        } catch (e) {
          return [finding({ label: 'audio.damaged', severity: 'error', explanation: `The WAV header could not be read (${(e as Error).message}).` })];
        }
        const out: Finding[] = [finding({ label: 'audio.info', severity: 'info', explanation: `WAV, ${wav.channels} channel(s), ${wav.sampleRate} Hz, ${wav.bits}-bit, ${wav.durationSeconds?.toFixed(1) ?? 'unknown'} s.`, data: wav })];
        if (wav.truncated) out.push(finding({ label: 'audio.truncated', severity: 'warning', explanation: 'The header promises more sound than the file holds: the recording was cut off or copied incompletely.' }));
        if (wav.software && EDIT_TOOLS.test(wav.software)) out.push(finding({ label: 'audio.editing-software', severity: 'warning', explanation: `The file names audio editing software ("${wav.software}"); it was processed after recording.` }));
        return out;
      }
      if (!ffmpegPath()) return [finding({ label: 'not-available', severity: 'info', explanation: `Only WAV headers can be read without ffmpeg. ${FFMPEG_MISSING}` })];
      const r = await probeMedia(input.path, input.signal);
      if (!r.audio || r.problem) return [finding({ label: 'audio.damaged', severity: 'error', explanation: `The audio could not be read${r.problem ? ` (${r.problem})` : ''}.`, data: { ...r } })];
      const out: Finding[] = [finding({ label: 'audio.info', severity: 'info', explanation: `${r.audio.codec} audio, ${r.durationSeconds?.toFixed(1) ?? 'unknown'} s.`, data: { ...r } })];
      const tool = Object.values(r.tags).find((t) => EDIT_TOOLS.test(t));
      if (tool) out.push(finding({ label: 'audio.editing-software', severity: 'warning', explanation: `The file names audio editing software ("${tool}"); it was processed after recording.` }));
      return out;
    },
  };
};

const pdfString = (text: string, key: string): string | null => {
  const m = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)]){0,200})\\)`).exec(text);
  return m ? m[1].replace(/\\(.)/g, '$1') : null;
};

export const documentAnalyzer = (): Analyzer => {
  const self = { id: 'document', version: '1.0.0' };
  const WHOLE_LIMIT = 64 * 1024 * 1024;
  return {
    ...self,
    title: 'PDF structure',
    accepts: ['document'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      if (input.mediaType !== 'application/pdf') return [finding({ label: 'document.not-checked', severity: 'info', explanation: 'Only PDF structure is checked; this document type is stored and can be opened, but not analysed.' })];
      const size = (await stat(input.path)).size;
      // Whole file when reasonable; otherwise the first and last 4 MiB, where the header, trailers and most
      // incremental updates sit.
      const bytes = size <= WHOLE_LIMIT ? await readFile(input.path) : Buffer.concat([await readRange(input.path, 0, 4 << 20), await readRange(input.path, size - (4 << 20), 4 << 20)]);
      const text = bytes.toString('latin1');
      const eofs = (text.match(/%%EOF/g) ?? []).length;
      const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
      const producer = pdfString(text, 'Producer');
      const creator = pdfString(text, 'Creator');
      const javascript = /\/(JavaScript|JS)\b/.test(text);
      const launch = /\/Launch\b/.test(text);
      const encrypted = /\/Encrypt\b/.test(text);
      const version = /^%PDF-(\d\.\d)/.exec(text)?.[1] ?? null;
      const data = { version, pages, producer, creator, eofMarkers: eofs, incrementalUpdates: Math.max(0, eofs - 1), javascript, encrypted, partialScan: size > WHOLE_LIMIT };
      if (eofs === 0) return [finding({ label: 'document.damaged', severity: 'error', explanation: 'The PDF has no end-of-file marker: it is truncated or damaged. Ask for the original.', data })];
      const out: Finding[] = [finding({ label: 'document.info', severity: 'info', explanation: `PDF ${version ?? ''}, ${pages} page(s)${producer ? `, produced by "${producer}"` : ''}${creator ? `, created with "${creator}"` : ''}.`, data })];
      if (eofs > 1) out.push(finding({ label: 'document.incremental-updates', severity: 'warning', score: Math.min(1, (eofs - 1) / 4), explanation: `The PDF was changed ${eofs - 1} time(s) after it was first written (incremental updates). Signing and form filling do this legitimately, but so does editing an invoice or report; earlier versions can be recovered from the file.`, data }));
      if (javascript || launch) out.push(finding({ label: 'document.active-content', severity: 'alert', explanation: `The PDF contains ${javascript ? 'JavaScript' : 'a launch action'}. Genuine invoices and reports rarely do; do not open it in a full PDF reader outside Casebench.`, data }));
      if (creator && EDIT_TOOLS.test(creator)) out.push(finding({ label: 'document.editing-software', severity: 'info', explanation: `Created with "${creator}".`, data }));
      return out;
    },
  };
};
