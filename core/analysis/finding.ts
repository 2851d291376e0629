import type { AnalysisInput, Finding } from './types.ts';

/** Builds findings for one analyzer so every finding carries its id, version and input hash. */
export const findingsFor = (analyzer: { id: string; version: string }, input: Pick<AnalysisInput, 'sha256' | 'frame'>) => {
  return (f: Omit<Finding, 'analyzerId' | 'analyzerVersion' | 'inputSha256' | 'artifacts' | 'parameters'> & Partial<Pick<Finding, 'artifacts' | 'parameters'>>): Finding => ({
    analyzerId: analyzer.id,
    analyzerVersion: analyzer.version,
    inputSha256: input.sha256,
    parameters: f.parameters ?? {},
    artifacts: f.artifacts ?? [],
    ...f,
    ...(input.frame ? { data: { ...f.data, frame: input.frame.index, frameTimeSeconds: input.frame.timeSeconds, frameSha256: input.sha256 } } : {}),
  });
};

export const haversineKm = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
};
