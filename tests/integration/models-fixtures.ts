import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisInput, MediaKind } from '../../core/analysis/types.ts';

// Shared by the model tests: where the weights beside the repository are, a temp folder, and an
// AnalysisInput whose saveArtifact keeps what it is given so tests can look at crops.

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedModels = resolve(repo, '..', 'shared', 'models');
export const mesonetDir = join(sharedModels, 'mesonet');
export const yunetFile = join(sharedModels, 'yunet', 'yunet_s_dynamic.onnx');
export const hasShared = existsSync(join(mesonetDir, 'Meso4_DF.h5')) && existsSync(yunetFile);
export const sharedMissing = `skipped: ${sharedModels} (Meso4_DF.h5, test_images, yunet) is not beside the repository`;

export const TEST_IMAGES = { df: ['df/df00204.jpg', 'df/df01254.jpg'], real: ['real/real00240.jpg', 'real/real00772.jpg'] };
export const testImage = (name: string) => join(mesonetDir, 'test_images', name);

export const tempFolder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `casebench-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

export type Artifact = { bytes: Buffer; mediaType: string; label: string; sha256: string };

export const analysisInput = (path: string, kind: MediaKind, mediaType: string, claim?: AnalysisInput['claim'], signal = new AbortController().signal) => {
  const artifacts: Artifact[] = [];
  const progress: number[] = [];
  const input: AnalysisInput = {
    evidenceId: 'evidence-1',
    caseId: 'case-1',
    sha256: createHash('sha256').update(path).digest('hex'),
    path,
    mediaType,
    kind,
    size: 0,
    originalName: path.split('/').at(-1) ?? path,
    claim,
    saveArtifact: async (bytes, type, label) => {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      artifacts.push({ bytes, mediaType: type, label, sha256 });
      return sha256;
    },
    signal,
    progress: (f) => progress.push(f),
  };
  return { input, artifacts, progress };
};
