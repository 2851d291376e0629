import type { Analyzer } from '../analysis/types.ts';

// Analyzers that run ONNX models (faces, deepfake, OCR, voice activity). The analysis registry includes
// every analyzer listed here.
export const modelAnalyzers: Analyzer[] = [];
