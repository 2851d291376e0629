import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deepfakeAnalyzer } from '../../core/inference/deepfake.ts';
import { facesAnalyzer } from '../../core/inference/faces.ts';
import { loadManifest } from '../../core/inference/manifest.ts';
import { ModelRegistry, ModelUnavailableError, stopInferenceWorker } from '../../core/inference/registry.ts';
import { analysisInput, hasShared, repo, sharedMissing, tempFolder, testImage, TEST_IMAGES, yunetFile } from './models-fixtures.ts';

const flipByte = (path: string, at: number) => {
  const bytes = readFileSync(path);
  bytes[at] ^= 0xff;
  writeFileSync(path, bytes);
};
const faceArgs = { path: testImage(TEST_IMAGES.real[0]), scoreThreshold: 0.9, nmsThreshold: 0.3, maxSide: 640 };

describe('model manifest', () => {
  it('lists every model with what the design requires, and installed files hash to the listed SHA-256', () => {
    const { models } = loadManifest(repo);
    expect(models.map((m) => m.id).sort()).toEqual(['meso4-df', 'ppocr-v4-det', 'ppocr-v4-rec', 'silero-vad', 'yunet']);
    for (const m of models) {
      for (const field of ['id', 'version', 'file', 'sha256', 'preprocessing', 'licence', 'source', 'limitations', 'install'] as const) expect(m[field], `${m.id}.${field}`).toBeTruthy();
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.inputs.length).toBeGreaterThan(0);
      expect(m.outputs.length).toBeGreaterThan(0);
      expect(m.file.startsWith('/')).toBe(false);
    }
    const registry = new ModelRegistry();
    for (const id of ['ppocr-v4-det', 'ppocr-v4-rec', 'silero-vad', ...(hasShared ? ['yunet'] : [])]) expect(registry.status(id).state, id).toBe('ready');
  });
});

describe.skipIf(!hasShared)('model registry', () => {
  const tmp = tempFolder('registry');
  afterAll(async () => {
    await stopInferenceWorker();
    tmp.cleanup();
  });
  if (!hasShared) process.stderr.write(`models-registry: ${sharedMissing}\n`);

  it('refuses a model whose bytes do not match the manifest, before loading it', async () => {
    const altered = join(tmp.dir, 'yunet-altered.onnx');
    copyFileSync(yunetFile, altered);
    flipByte(altered, 1000);
    const registry = new ModelRegistry({ files: { yunet: altered } });
    const status = registry.status('yunet');
    expect(status.state).toBe('refused');
    expect(registry.unavailable('yunet')).toMatch(/^Model yunet was refused: .*yunet-altered\.onnx has SHA-256 [0-9a-f]{64}, but models\/manifest\.json expects daede240/);
    await expect(registry.run('faces', { detector: 'yunet' }, faceArgs)).rejects.toBeInstanceOf(ModelUnavailableError);
  });

  it('the worker checks the bytes it loads too, so a file swapped after the check is still refused', async () => {
    const path = join(tmp.dir, 'yunet-swapped.onnx');
    copyFileSync(yunetFile, path);
    const when = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, when, when);
    const registry = new ModelRegistry({ files: { yunet: path } });
    expect(registry.status('yunet').state).toBe('ready');
    flipByte(path, 5000);
    utimesSync(path, when, when); // same size and time: the registry's cached verdict still says ready
    expect(registry.status('yunet').state).toBe('ready');
    await expect(registry.run('faces', { detector: 'yunet' }, faceArgs)).rejects.toMatchObject({ name: 'ModelIntegrityError', message: expect.stringMatching(/refused/) });
    // The intact file loads and runs.
    const ok = await new ModelRegistry().run('faces', { detector: 'yunet' }, faceArgs);
    expect(ok.faces).toHaveLength(1);
  });

  it('a missing model is reported as not installed with how to install it, and its analyzer gives no score', async () => {
    const registry = new ModelRegistry({ files: { 'meso4-df': join(tmp.dir, 'nowhere', 'meso4_df.onnx') } });
    expect(registry.status('meso4-df').state).toBe('not-installed');
    expect(registry.unavailable('meso4-df')).toMatch(/is not installed \(.*nowhere\/meso4_df\.onnx is missing\)\. Run `npm run models:build`/);

    const before = process.env.CASEBENCH_MODEL_MESO4_DF;
    process.env.CASEBENCH_MODEL_MESO4_DF = join(tmp.dir, 'nowhere', 'meso4_df.onnx');
    try {
      expect(deepfakeAnalyzer.unavailable()).toMatch(/^run npm run models:build to build the Meso-4 model/);
      const findings = await deepfakeAnalyzer.run(analysisInput(testImage(TEST_IMAGES.df[0]), 'image', 'image/jpeg').input);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ analyzerId: 'deepfake', label: 'not-available', severity: 'info', modelId: 'meso4-df' });
      expect(findings[0].modelSha256).toBeUndefined();
      expect(findings[0].score).toBeUndefined();
      expect(findings[0].explanation).toMatch(/^Deepfake check \(Meso-4\) is not available: run npm run models:build/);
    } finally {
      if (before === undefined) delete process.env.CASEBENCH_MODEL_MESO4_DF;
      else process.env.CASEBENCH_MODEL_MESO4_DF = before;
    }
  });

  it('turns an unreadable image into an error finding instead of throwing', async () => {
    const broken = join(tmp.dir, 'broken.jpg');
    writeFileSync(broken, readFileSync(testImage(TEST_IMAGES.real[0])).subarray(0, 200));
    const [f] = await facesAnalyzer.run(analysisInput(broken, 'image', 'image/jpeg').input);
    expect(f).toMatchObject({ label: 'faces.failed', severity: 'error' });
    expect(f.explanation).toMatch(/^Face detection could not read this file/);
  });
});
