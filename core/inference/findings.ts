import type { AnalysisInput, Analyzer, Finding } from '../analysis/types.ts';
import { ModelUnavailableError, modelRegistry } from './registry.ts';

// Shared by the model analyzers: the fields every finding carries, the "not available" finding, and turning
// a failure on one file into an error finding (a cancelled run still throws, so the job ends as cancelled).

export type FindingDraft = Omit<Finding, 'analyzerId' | 'analyzerVersion' | 'inputSha256' | 'artifacts' | 'parameters'> & Partial<Pick<Finding, 'artifacts' | 'parameters'>>;

export const finding = (analyzer: Pick<Analyzer, 'id' | 'version'>, input: AnalysisInput, parameters: Record<string, unknown>, draft: FindingDraft): Finding => ({
  analyzerId: analyzer.id,
  analyzerVersion: analyzer.version,
  inputSha256: input.sha256,
  parameters,
  artifacts: [],
  ...draft,
});

export const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

export const modelFields = (id: string): { modelId: string; modelSha256?: string } => {
  const entry = modelRegistry().entry(id);
  return { modelId: id, modelSha256: entry?.sha256 };
};

/** Runs `work`; a missing or refused model becomes a not-available finding and any other failure an error finding. */
export const guarded = async (analyzer: Pick<Analyzer, 'id' | 'version' | 'title' | 'unavailable'>, input: AnalysisInput, parameters: Record<string, unknown>, modelIds: string[], work: () => Promise<Finding[]>): Promise<Finding[]> => {
  const missing = analyzer.unavailable();
  if (missing) return [finding(analyzer, input, parameters, { modelId: modelIds[0], label: 'not-available', severity: 'info', explanation: `${analyzer.title} is not available: ${missing}` })];
  input.signal.throwIfAborted();
  try {
    return await work();
  } catch (e) {
    if (isAbort(e) || input.signal.aborted) throw e;
    if (e instanceof ModelUnavailableError) {
      return [finding(analyzer, input, parameters, { modelId: e.modelId, label: 'not-available', severity: 'info', explanation: `${analyzer.title} is not available: ${e.message}` })];
    }
    const message = e instanceof Error ? e.message : String(e);
    return [finding(analyzer, input, parameters, { label: `${analyzer.id}.failed`, severity: 'error', explanation: `${analyzer.title} could not read this file: ${message}` })];
  }
};
