// npm run models:build [-- WEIGHTS_PATH_OR_URL] [--out FILE]
// Rebuilds the Meso-4 deepfake detector as ONNX from the authors' Keras weights (Apache-2.0). The default
// weights are ../shared/models/mesonet/Meso4_DF.h5; users elsewhere pass a path or an https URL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadManifest, repoRoot, resolveModelFile } from '../core/inference/manifest.ts';
import { buildMeso4FromH5, localWeights } from '../core/inference/meso4-build.ts';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : null;
const positional = args.filter((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));

const root = repoRoot();
const entry = loadManifest(root).models.find((m) => m.id === 'meso4-df');
if (!entry?.build) throw new Error('models/manifest.json has no meso4-df build entry');
const source = positional[0] ?? resolveModelFile(root, entry.build.weights);
const target = out ?? resolveModelFile(root, entry.file);

const weights = await localWeights(source);
try {
  const built = await buildMeso4FromH5(weights.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, built.onnx);
  process.stdout.write(`meso4-df: ${target}\n  weights SHA-256 ${built.sourceSha256}\n  model   SHA-256 ${built.sha256}\n`);
  if (built.sourceSha256 !== entry.build.weightsSha256) {
    process.stdout.write(`  note: these weights are not the ones in models/manifest.json (${entry.build.weightsSha256}); the app will refuse the model until the manifest lists its SHA-256.\n`);
  } else if (built.sha256 !== entry.sha256) {
    process.stderr.write(`  error: the build from the listed weights should give ${entry.sha256}; the build recipe has changed, so update models/manifest.json.\n`);
    process.exitCode = 1;
  }
} finally {
  weights.cleanup();
}
