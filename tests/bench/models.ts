import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildMeso4FromH5 } from '../../core/inference/meso4-build.ts';
import { ocrPageMs } from '../../core/inference/ocr.ts';
import { modelRegistry, stopInferenceWorker } from '../../core/inference/registry.ts';
import { percentiles, type BenchRow, type Suite } from './harness.ts';

// Time per image for the model analyzers on this machine, all in the shared inference worker, next to the
// baseline of only decoding and resizing the same image with sharp.

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mesonet = resolve(repo, '..', 'shared', 'models', 'mesonet');
const faceImages = ['df/df00204.jpg', 'df/df01254.jpg', 'real/real00240.jpg', 'real/real00772.jpg'].map((n) => join(mesonet, 'test_images', n));

const time = async (n: number, f: () => Promise<unknown>): Promise<number[]> => {
  await f(); // warm: session created, caches filled
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return ms;
};

/** A 150 dpi A4 page of invoice text, the size a scanned claim document usually is. */
const invoicePage = async (path: string) => {
  const lines = ['Harbour Road Body Repairs Ltd', 'Invoice 2026-0314', 'VIN: 1HGCM82633A004352', 'Plate: AB12 CDE', 'Date: 14.03.2026', 'Front bumper, replace and paint   EUR 640.00', 'Headlamp left   EUR 310.50', 'Labour 4.5 h   EUR 284.00', 'Total: EUR 1,234.50'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="white"/>${lines.map((l, i) => `<text x="100" y="${160 + i * 90}" font-family="DejaVu Sans, Arial" font-size="36">${l}</text>`).join('')}</svg>`;
  await sharp(Buffer.from(svg)).png().toFile(path);
};

export const modelsSuite: Suite = {
  name: 'models',
  description: 'faces, deepfake and OCR time per image in the inference worker',
  run: async ({ quick }) => {
    const n = quick ? 3 : 10;
    const dir = mkdtempSync(join(tmpdir(), 'casebench-bench-models-'));
    const rows: BenchRow[] = [];
    const figures: Record<string, number> = {};
    const row = (key: string, figure: string, ms: number[], target = '') => {
      const p = percentiles(ms);
      figures[`${key}P50Ms`] = p.p50;
      figures[`${key}P95Ms`] = p.p95;
      rows.push({ figure, value: `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} ms p50/p95 (${(1000 / p.p50).toFixed(1)} /s)`, target });
    };
    try {
      const registry = modelRegistry();
      if (!process.env.CASEBENCH_MODEL_MESO4_DF && registry.status('meso4-df').state !== 'ready' && existsSync(join(mesonet, 'Meso4_DF.h5'))) {
        const built = await buildMeso4FromH5(join(mesonet, 'Meso4_DF.h5'));
        writeFileSync(join(dir, 'meso4_df.onnx'), built.onnx);
        process.env.CASEBENCH_MODEL_MESO4_DF = join(dir, 'meso4_df.onnx');
      }
      const photo = join(dir, 'photo.jpg');
      await sharp(faceImages[2]).resize(1280, 960, { fit: 'fill' }).jpeg().toFile(photo);
      const images = [...faceImages, photo];
      let k = 0;
      const next = () => images[k++ % images.length];
      const faceArgs = { scoreThreshold: 0.9, nmsThreshold: 0.3, maxSide: 640 };
      row('decode', `baseline: decode + resize to 640 (sharp), ${images.length} images incl. 1280x960`, await time(n * images.length, () => sharp(next()).resize(640, 640, { fit: 'inside' }).raw().toBuffer()), 'baseline');
      if (!registry.unavailable('yunet')) row('faces', 'faces (YuNet, decode + detect + crops)', await time(n * images.length, () => registry.run('faces', { detector: 'yunet' }, { path: next(), ...faceArgs })));
      if (!registry.unavailable('yunet', 'meso4-df')) {
        row('deepfake', 'deepfake (YuNet + Meso-4 per face)', await time(n * images.length, () => registry.run('deepfake', { detector: 'yunet', classifier: 'meso4-df' }, { path: next(), ...faceArgs, cropScale: 1.3 })));
        row('meso4', 'Meso-4 alone on a 256x256 crop', await time(n * 4, () => registry.run('mesoImage', { classifier: 'meso4-df' }, { path: faceImages[k++ % 4] })));
      }
      if (!registry.unavailable('ppocr-v4-det', 'ppocr-v4-rec')) {
        const page = join(dir, 'page.png');
        await invoicePage(page);
        const runs = [];
        for (let i = 0; i < Math.max(2, Math.ceil(n / 2)); i++) runs.push(await ocrPageMs(page));
        row('ocrPage', `OCR per A4 page at 150 dpi (${runs[0].lines} text regions)`, runs.map((r) => r.ms), 'reported');
        figures.ocrDetectMs = percentiles(runs.map((r) => r.detectMs)).p50;
        figures.ocrRecogniseMs = percentiles(runs.map((r) => r.recogniseMs)).p50;
        rows.push({ figure: '  of which detection / recognition', value: `${figures.ocrDetectMs.toFixed(0)} / ${figures.ocrRecogniseMs.toFixed(0)} ms`, target: '' });
      }
      return { rows, figures };
    } finally {
      await stopInferenceWorker();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
