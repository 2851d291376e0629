import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

// ffmpeg from @ffmpeg-installer/ffmpeg (ships the binary), else `ffmpeg` on PATH. ffprobe is not shipped, so
// media facts are read from `ffmpeg -i`'s report. Every run has a timeout and bounded output.

let cached: string | null | undefined;
export const ffmpegPath = (): string | null => {
  if (cached !== undefined) return cached;
  try {
    const p = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    if (p && existsSync(p)) return (cached = p);
  } catch {
    // not installed: try PATH
  }
  const r = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore', timeout: 5000 });
  return (cached = r.status === 0 ? 'ffmpeg' : null);
};
export const FFMPEG_MISSING = 'ffmpeg was not found. Install it with `npm install @ffmpeg-installer/ffmpeg` (ships the binary) or your system package manager (`apt-get install ffmpeg`).';

export type FfmpegRun = { code: number | null; stderr: string; timedOut: boolean };

export const runFfmpeg = (args: string[], timeoutMs: number, signal?: AbortSignal): Promise<FfmpegRun> =>
  new Promise((resolve, reject) => {
    const bin = ffmpegPath();
    if (!bin) return reject(new Error(FFMPEG_MISSING));
    const child = spawn(bin, ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 256 * 1024) stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ code, stderr, timedOut });
    });
  });

export type MediaReport = { durationSeconds: number | null; video: { codec: string; width: number; height: number; fps: number | null } | null; audio: { codec: string; sampleRate: number | null; channels: string | null } | null; tags: Record<string, string>; problem: string | null };

/** Parses `ffmpeg -i FILE`'s report (stderr). */
export const parseMediaReport = (stderr: string): MediaReport => {
  const d = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const durationSeconds = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null;
  const vLine = /Stream #\d+:\d+[^\n]*?: Video: ([^\n]*)/.exec(stderr)?.[1];
  const aLine = /Stream #\d+:\d+[^\n]*?: Audio: ([^\n]*)/.exec(stderr)?.[1];
  const size = vLine ? /, (\d{2,5})x(\d{2,5})/.exec(vLine) : null;
  const fps = vLine ? /, ([\d.]+) fps/.exec(vLine) : null;
  const hz = aLine ? /, (\d+) Hz(?:, ([\w.()]+))?/.exec(aLine) : null;
  const v = vLine && size ? { codec: /^\w+/.exec(vLine)?.[0] ?? 'unknown', width: Number(size[1]), height: Number(size[2]), fps: fps ? Number(fps[1]) : null } : null;
  const a = aLine ? { codec: /^\w+/.exec(aLine)?.[0] ?? 'unknown', sampleRate: hz ? Number(hz[1]) : null, channels: hz?.[2] ?? null } : null;
  const tags: Record<string, string> = {};
  for (const m of stderr.matchAll(/^\s{4,}(creation_time|encoder|handler_name|com\.apple\.quicktime\.[\w.]+|location|make|model|software|title|comment)\s*:\s*(.+)$/gm)) {
    if (!(m[1] in tags)) tags[m[1]] = m[2].trim().slice(0, 200);
  }
  const problemLine = /(moov atom not found|Invalid data found when processing input|could not find codec parameters|End of file|Truncating packet|partial file|error reading header)/i.exec(stderr);
  return {
    durationSeconds,
    video: v,
    audio: a,
    tags,
    problem: problemLine ? problemLine[1] : null,
  };
};

export const probeMedia = async (path: string, signal?: AbortSignal): Promise<MediaReport> => {
  const r = await runFfmpeg(['-i', path], 30_000, signal);
  if (r.timedOut) return { durationSeconds: null, video: null, audio: null, tags: {}, problem: 'ffmpeg took longer than 30 s to read the header' };
  return parseMediaReport(r.stderr);
};
