import type { Analyzer, Finding } from '../analysis/types.ts';
import { finding, guarded, modelFields } from './findings.ts';
import { modelRegistry } from './registry.ts';
import { YUNET_DEFAULTS } from './protocol.ts';

const LIMITS =
  'Meso-4 is a 2018 model trained on one family of face-swap videos; it has not seen newer generators, works on face crops only and is thrown by compression and blur, so this is a hint to look closer, never proof.';
const CROP_SCALE = 1.3;

export const deepfakeAnalyzer: Analyzer = {
  id: 'deepfake',
  version: '1.0.0',
  title: 'Deepfake check (Meso-4)',
  accepts: ['image'],
  unavailable: () => {
    const meso = modelRegistry().status('meso4-df');
    const faces = modelRegistry().unavailable('yunet');
    if (meso.state === 'not-installed') return `run npm run models:build to build the Meso-4 model from its published weights.${faces ? ` ${faces}` : ''}`;
    return meso.state === 'refused' ? meso.message : faces;
  },
  run: async (input) => {
    const parameters = { ...YUNET_DEFAULTS, cropScale: CROP_SCALE, input: '256x256 RGB in [0,1]' };
    return guarded(deepfakeAnalyzer, input, parameters, ['meso4-df', 'yunet'], async () => {
      input.progress(0);
      const result = await modelRegistry().run('deepfake', { detector: 'yunet', classifier: 'meso4-df' }, { path: input.path, ...YUNET_DEFAULTS, cropScale: CROP_SCALE }, input.signal);
      if (!result.faces.length) {
        return [finding(deepfakeAnalyzer, input, parameters, { ...modelFields('meso4-df'), label: 'deepfake.no-face', severity: 'info', explanation: 'No face was found, so the deepfake check did not run on this image.' })];
      }
      const findings: Finding[] = [];
      for (let i = 0; i < result.faces.length; i++) {
        const face = result.faces[i];
        const crop = await input.saveArtifact(Buffer.from(face.crop), 'image/jpeg', `face ${i + 1} (256x256 model input)`);
        const pReal = Math.round(face.pReal * 10_000) / 10_000;
        const score = Math.round((1 - face.pReal) * 10_000) / 10_000;
        findings.push(
          finding(deepfakeAnalyzer, input, parameters, {
            ...modelFields('meso4-df'),
            score,
            label: 'deepfake.p-real',
            severity: score >= 0.5 ? 'warning' : 'info',
            explanation: `${score >= 0.5 ? 'The face looks manipulated to the model' : 'The face looks unmanipulated to the model'} (P(real) = ${pReal.toFixed(2)}). ${LIMITS}`,
            artifacts: [{ sha256: crop, mediaType: 'image/jpeg', label: `face ${i + 1} (256x256 model input)` }],
            data: { face: i + 1, pReal, box: { x: Math.round(face.x), y: Math.round(face.y), width: Math.round(face.width), height: Math.round(face.height) } },
          }),
        );
        input.progress((i + 1) / result.faces.length);
      }
      return findings;
    });
  },
};
