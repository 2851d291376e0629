import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepfakeAnalyzer } from '../../core/inference/deepfake.ts';
import { facesAnalyzer } from '../../core/inference/faces.ts';
import { loadManifest } from '../../core/inference/manifest.ts';
import { buildMeso4FromH5 } from '../../core/inference/meso4-build.ts';
import { modelRegistry, stopInferenceWorker } from '../../core/inference/registry.ts';
import { analysisInput, hasShared, mesonetDir, repo, sharedMissing, tempFolder, TEST_IMAGES, testImage } from './models-fixtures.ts';

if (!hasShared) process.stderr.write(`models-vision: ${sharedMissing}\n`);

// An independent Meso-4 forward pass in plain JS straight from the Keras weights (NHWC, HWIO kernels), to
// check the ONNX graph's transposes, padding and flatten order.
type W = { shape: number[]; data: Float32Array };
const kerasWeights = async (): Promise<Map<string, W>> => {
  await h5wasm.ready;
  const f = new h5wasm.File(join(mesonetDir, 'Meso4_DF.h5'), 'r');
  const out = new Map<string, W>();
  const walk = (g: InstanceType<typeof h5wasm.Group>, p: string) => {
    for (const k of g.keys()) {
      const it = g.get(k);
      if (it instanceof h5wasm.Dataset) out.set(`${p}/${k}`.replace(/^\/[^/]+\/([^/]+)\/(\w+):0$/, '$1/$2'), { shape: it.shape ?? [], data: it.value as Float32Array });
      else if (it instanceof h5wasm.Group) walk(it, `${p}/${k}`);
    }
  };
  walk(f, '');
  f.close();
  return out;
};

const referenceMeso4 = (w: Map<string, W>, rgb: Uint8Array): number => {
  let x = Float32Array.from(rgb, (v) => v / 255);
  let size = 256;
  let channels = 3;
  const layer = (name: string) => w.get(name)!;
  for (const [b, pool] of [[5, 2], [6, 2], [7, 2], [8, 4]]) {
    const k = layer(`conv2d_${b}/kernel`);
    const bias = layer(`conv2d_${b}/bias`).data;
    const [kh, kw, ci, co] = k.shape;
    const pad = (kh - 1) / 2;
    const y = new Float32Array(size * size * co);
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) {
      for (let o = 0; o < co; o++) {
        let s = bias[o];
        for (let dy = 0; dy < kh; dy++) {
          const rr = r + dy - pad;
          if (rr < 0 || rr >= size) continue;
          for (let dx = 0; dx < kw; dx++) {
            const cc = c + dx - pad;
            if (cc < 0 || cc >= size) continue;
            for (let i = 0; i < ci; i++) s += x[(rr * size + cc) * ci + i] * k.data[((dy * kw + dx) * ci + i) * co + o];
          }
        }
        y[(r * size + c) * co + o] = Math.max(0, s);
      }
    }
    const [g, be, m, v] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => layer(`batch_normalization_${b}/${n}`).data);
    for (let p = 0; p < y.length; p++) {
      const o = p % co;
      y[p] = ((y[p] - m[o]) / Math.sqrt(v[o] + 1e-3)) * g[o] + be[o];
    }
    const next = size / pool;
    const z = new Float32Array(next * next * co).fill(-Infinity);
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) for (let o = 0; o < co; o++) {
      const q = (Math.floor(r / pool) * next + Math.floor(c / pool)) * co + o;
      z[q] = Math.max(z[q], y[(r * size + c) * co + o]);
    }
    x = z;
    size = next;
    channels = co;
  }
  expect(x.length).toBe(8 * 8 * channels);
  const dense = (input: Float32Array, name: string) => {
    const k = layer(`${name}/kernel`);
    const bias = layer(`${name}/bias`).data;
    const [n, m] = k.shape;
    const out = new Float32Array(m);
    for (let j = 0; j < m; j++) {
      let s = bias[j];
      for (let i = 0; i < n; i++) s += input[i] * k.data[i * m + j];
      out[j] = s;
    }
    return out;
  };
  const hidden = dense(x, 'dense_3').map((v) => (v > 0 ? v : 0.1 * v));
  return 1 / (1 + Math.exp(-dense(hidden, 'dense_4')[0]));
};

describe.skipIf(!hasShared)('Meso-4 rebuilt from its Keras weights, and YuNet', () => {
  const tmp = tempFolder('meso4');
  const pReal: Record<string, number> = {};
  const before = process.env.CASEBENCH_MODEL_MESO4_DF;

  beforeAll(async () => {
    const built = await buildMeso4FromH5(join(mesonetDir, 'Meso4_DF.h5'));
    writeFileSync(join(tmp.dir, 'meso4_df.onnx'), built.onnx);
    process.env.CASEBENCH_MODEL_MESO4_DF = join(tmp.dir, 'meso4_df.onnx');
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.CASEBENCH_MODEL_MESO4_DF;
    else process.env.CASEBENCH_MODEL_MESO4_DF = before;
    await stopInferenceWorker();
    tmp.cleanup();
  });

  it('builds deterministically: the model and the weights have the SHA-256s recorded in the manifest', async () => {
    const entry = loadManifest(repo).models.find((m) => m.id === 'meso4-df')!;
    const again = await buildMeso4FromH5(join(mesonetDir, 'Meso4_DF.h5'));
    expect(again.sha256).toBe(entry.sha256);
    expect(again.sourceSha256).toBe(entry.build!.weightsSha256);
    expect(readFileSync(join(tmp.dir, 'meso4_df.onnx')).equals(again.onnx)).toBe(true);
  });

  it('npm run models:build fetches the weights from a URL and writes the model where --out says', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/weights/Meso4_DF.h5') res.end(readFileSync(join(mesonetDir, 'Meso4_DF.h5')));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/weights/Meso4_DF.h5`;
    const out = join(tmp.dir, 'from-url', 'meso4.onnx');
    try {
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', 'scripts/build-models.ts', url, '--out', out], { cwd: repo }, (e, so, se) => (e ? reject(new Error(`${e.message}\n${se}`)) : resolve(so))),
      );
      const entry = loadManifest(repo).models.find((m) => m.id === 'meso4-df')!;
      expect(stdout).toContain(`model   SHA-256 ${entry.sha256}`);
      expect(readFileSync(out).equals(readFileSync(join(tmp.dir, 'meso4_df.onnx')))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('scores both deepfake test images lower P(real) than both real ones', async () => {
    for (const name of [...TEST_IMAGES.df, ...TEST_IMAGES.real]) {
      pReal[name] = (await modelRegistry().run('mesoImage', { classifier: 'meso4-df' }, { path: testImage(name) })).pReal;
    }
    process.stderr.write(`Meso-4 P(real): ${JSON.stringify(pReal)}\n`);
    const df = TEST_IMAGES.df.map((n) => pReal[n]);
    const real = TEST_IMAGES.real.map((n) => pReal[n]);
    expect(Math.max(...df)).toBeLessThan(Math.min(...real));
    expect(Math.max(...df)).toBeLessThan(0.5);
    expect(Math.min(...real)).toBeGreaterThan(0.5);
  });

  it('gives the same P(real) as a plain JS forward pass of the Keras network', async () => {
    const name = TEST_IMAGES.real[0];
    const rgb = await sharp(testImage(name)).removeAlpha().toColourspace('srgb').resize(256, 256, { fit: 'fill' }).raw().toBuffer();
    const reference = referenceMeso4(await kerasWeights(), rgb);
    const onnx = pReal[name] ?? (await modelRegistry().run('mesoImage', { classifier: 'meso4-df' }, { path: testImage(name) })).pReal;
    process.stderr.write(`Meso-4 ${name}: ONNX ${onnx}, JS reference ${reference}\n`);
    expect(Math.abs(onnx - reference)).toBeLessThan(1e-4);
  });

  it('finds one face with landmarks in each test face crop and saves the crops', async () => {
    for (const name of [...TEST_IMAGES.df, ...TEST_IMAGES.real]) {
      const { input, artifacts } = analysisInput(testImage(name), 'image', 'image/jpeg');
      const [f] = await facesAnalyzer.run(input);
      expect(f).toMatchObject({ analyzerId: 'faces', label: 'faces.detected', modelId: 'yunet', severity: 'info' });
      const data = f.data as { imageWidth: number; faces: { x: number; width: number; score: number; landmarks: number[][] }[] };
      expect(data.faces).toHaveLength(1);
      expect(data.faces[0].score).toBeGreaterThan(0.9);
      expect(data.faces[0].width).toBeGreaterThan(data.imageWidth * 0.3);
      expect(data.faces[0].landmarks).toHaveLength(5);
      expect(artifacts).toHaveLength(1);
      expect(f.artifacts[0].sha256).toBe(artifacts[0].sha256);
      expect((await sharp(artifacts[0].bytes).metadata()).format).toBe('jpeg');
    }
  });

  it('finds no face in a plain gradient, and the same input gives the same finding twice', async () => {
    const path = join(tmp.dir, 'gradient.png');
    const width = 480;
    const height = 320;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.fill(Math.round((x / width) * 255), (y * width + x) * 3, (y * width + x) * 3 + 3);
    await sharp(raw, { raw: { width, height, channels: 3 } }).png().toFile(path);
    const first = await facesAnalyzer.run(analysisInput(path, 'image', 'image/png').input);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ label: 'faces.none', data: { faces: [] } });
    expect(await facesAnalyzer.run(analysisInput(path, 'image', 'image/png').input)).toEqual(first);
    const [deepfake] = await deepfakeAnalyzer.run(analysisInput(path, 'image', 'image/png').input);
    expect(deepfake.label).toBe('deepfake.no-face');
    expect(deepfake.score).toBeUndefined();
  });

  it('the deepfake analyzer scores the detected face in each test image, with the model limits in words', async () => {
    const scores: Record<string, number> = {};
    for (const name of [...TEST_IMAGES.df, ...TEST_IMAGES.real]) {
      const { input, artifacts } = analysisInput(testImage(name), 'image', 'image/jpeg');
      const findings = await deepfakeAnalyzer.run(input);
      expect(findings).toHaveLength(1);
      const [f] = findings;
      expect(f).toMatchObject({ analyzerId: 'deepfake', label: 'deepfake.p-real', modelId: 'meso4-df', modelSha256: loadManifest(repo).models.find((m) => m.id === 'meso4-df')!.sha256 });
      expect(f.score).toBeCloseTo(1 - (f.data as { pReal: number }).pReal, 3);
      expect(f.explanation).toMatch(/2018 model/);
      expect(f.explanation).toMatch(/never proof/);
      expect((await sharp(artifacts[0].bytes).metadata()).width).toBe(256);
      scores[name] = f.score!;
    }
    expect(Math.min(...TEST_IMAGES.df.map((n) => scores[n]))).toBeGreaterThan(Math.max(...TEST_IMAGES.real.map((n) => scores[n])));
    expect(scores[TEST_IMAGES.df[0]]).toBeGreaterThanOrEqual(0.5);
  });
});
