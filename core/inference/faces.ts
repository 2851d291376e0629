import type { Analyzer, Finding } from '../analysis/types.ts';
import { finding, guarded, modelFields } from './findings.ts';
import { modelRegistry } from './registry.ts';
import { YUNET_DEFAULTS } from './protocol.ts';

const round = (v: number) => Math.round(v * 10) / 10;

export const facesAnalyzer: Analyzer = {
  id: 'faces',
  version: '1.0.0',
  title: 'Face detection',
  // Video keyframes reach this analyzer as image files from the pipeline.
  accepts: ['image'],
  unavailable: () => modelRegistry().unavailable('yunet'),
  run: async (input) => {
    const parameters = { ...YUNET_DEFAULTS };
    return guarded(facesAnalyzer, input, parameters, ['yunet'], async () => {
      input.progress(0);
      const result = await modelRegistry().run('faces', { detector: 'yunet' }, { path: input.path, ...YUNET_DEFAULTS }, input.signal);
      const artifacts: Finding['artifacts'] = [];
      for (let i = 0; i < result.crops.length; i++) {
        artifacts.push({ sha256: await input.saveArtifact(Buffer.from(result.crops[i]), 'image/jpeg', `face ${i + 1}`), mediaType: 'image/jpeg', label: `face ${i + 1}` });
      }
      input.progress(1);
      const faces = result.faces.map((f, i) => ({
        x: round(f.x),
        y: round(f.y),
        width: round(f.width),
        height: round(f.height),
        score: Math.round(f.score * 1000) / 1000,
        landmarks: f.landmarks.map(([x, y]) => [round(x), round(y)]),
        crop: artifacts[i]?.sha256,
      }));
      const n = faces.length;
      return [
        finding(facesAnalyzer, input, parameters, {
          ...modelFields('yunet'),
          label: n ? 'faces.detected' : 'faces.none',
          severity: 'info',
          explanation: n
            ? `${n} face${n === 1 ? '' : 's'} found (boxes, with eyes, nose and mouth corners). This says where faces are, not whether they are genuine.`
            : 'No face was found. Small, turned-away or covered faces can be missed.',
          artifacts,
          data: { coordinates: 'pixels of the image as displayed (EXIF orientation applied)', imageWidth: result.width, imageHeight: result.height, faces, landmarkOrder: ['right eye', 'left eye', 'nose tip', 'right mouth corner', 'left mouth corner'] },
        }),
      ];
    });
  },
};
