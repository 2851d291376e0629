// Messages between the registry (main thread) and the inference worker. The main thread imports only this
// file and the manifest from core/inference's internals, so onnxruntime, sharp and ffmpeg load in the worker.

export type YunetParams = { scoreThreshold: number; nmsThreshold: number; maxSide: number };
/** OpenCV FaceDetectorYN's defaults (score 0.9, NMS 0.3); images are scaled down to 640 on the long side. */
export const YUNET_DEFAULTS: YunetParams = { scoreThreshold: 0.9, nmsThreshold: 0.3, maxSide: 640 };

/** A model the worker may load: where it is and the SHA-256 its bytes must have. */
export type ModelRef = { id: string; path: string; sha256: string; assets?: Record<string, { path: string; sha256: string }> };

export type FaceResult = { x: number; y: number; width: number; height: number; score: number; landmarks: [number, number][] };
export type FacesResult = { width: number; height: number; faces: FaceResult[]; crops: Uint8Array[] };
export type DeepfakeFace = FaceResult & { pReal: number; crop: Uint8Array };
export type DeepfakeResult = { width: number; height: number; faces: DeepfakeFace[] };
export type OcrLine = { text: string; confidence: number; box: { x: number; y: number; width: number; height: number } };
export type OcrResult = { width: number; height: number; lines: OcrLine[]; text: string; detectMs: number; recogniseMs: number };
export type SpeechSegment = { start: number; end: number };
export type VadResult = { durationSeconds: number; sampleRate: number; channels: number; decodedBy: 'wav' | 'ffmpeg'; segments: SpeechSegment[]; speechSeconds: number; speechRatio: number };

export type TaskMap = {
  load: { args: Record<string, never>; result: { loaded: string[] } };
  faces: { args: { path: string; scoreThreshold: number; nmsThreshold: number; maxSide: number }; result: FacesResult };
  deepfake: { args: { path: string; scoreThreshold: number; nmsThreshold: number; maxSide: number; cropScale: number }; result: DeepfakeResult };
  mesoImage: { args: { path: string }; result: { pReal: number } };
  ocr: { args: { path: string }; result: OcrResult };
  vad: { args: { path: string }; result: VadResult };
};
export type TaskName = keyof TaskMap;

export type WorkerRequest =
  | { type: 'task'; id: number; task: TaskName; models: Record<string, ModelRef>; args: unknown }
  | { type: 'cancel'; id: number };

export type WorkerResponse =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string } };
