import type { Analyzer } from '../analysis/types.ts';
import { deepfakeAnalyzer } from './deepfake.ts';
import { facesAnalyzer } from './faces.ts';
import { ocrAnalyzer } from './ocr.ts';
import { voiceAnalyzer } from './voice.ts';

// Analyzers that run ONNX models (faces, deepfake, OCR, voice activity). The analysis registry includes
// every analyzer listed here. Their sessions run in one shared worker thread (registry.ts).
export const modelAnalyzers: Analyzer[] = [facesAnalyzer, deepfakeAnalyzer, ocrAnalyzer, voiceAnalyzer];

export { stopInferenceWorker, modelRegistry, ModelRegistry } from './registry.ts';
export { ocrPageMs, readText } from './ocr.ts';
