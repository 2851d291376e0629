import { availableParallelism } from 'node:os';
import { parentPort } from 'node:worker_threads';
import ort from 'onnxruntime-node';
import { readVerified } from './manifest.ts';
import type { ModelRef, TaskMap, TaskName, WorkerRequest, WorkerResponse } from './protocol.ts';
import { faceCrop, mesoImage, mesoScore } from './tasks/meso4.ts';
import { recogniseText } from './tasks/ocr.ts';
import { detectSpeech } from './tasks/vad.ts';
import { detectFaces } from './tasks/yunet.ts';

// The one inference worker: every ONNX session lives here, created once per model file and hash and then
// reused. A model's bytes are hashed and compared with the manifest before onnxruntime ever sees them.

const port = parentPort;
if (!port) throw new Error('core/inference/worker.ts must run as a worker thread');

const sessions = new Map<string, Promise<ort.InferenceSession>>();
const dictionaries = new Map<string, string[]>();
const cancelled = new Set<number>();
// Leave a core for the rest of the app (the UI-facing core thread, sharp's own pool), and do not spin:
// spinning threads only steal time from them on a small machine.
const threads = Math.max(1, Math.min(4, availableParallelism() - 1));

const session = (ref: ModelRef | undefined): Promise<ort.InferenceSession> => {
  if (!ref) return Promise.reject(new Error('internal: a task was sent without its model'));
  const key = `${ref.path}\n${ref.sha256}`;
  let s = sessions.get(key);
  if (!s) {
    s = (async () => ort.InferenceSession.create(readVerified(ref.id, ref.path, ref.sha256), { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', extra: { session: { intra_op: { allow_spinning: '0' } } } }))();
    s.catch(() => sessions.delete(key));
    sessions.set(key, s);
  }
  return s;
};

const dictionary = (ref: ModelRef | undefined): string[] => {
  const asset = ref?.assets?.dictionary;
  if (!ref || !asset) throw new Error('internal: the OCR dictionary was not sent');
  const key = `${asset.path}\n${asset.sha256}`;
  let d = dictionaries.get(key);
  if (!d) {
    // The last class after the dictionary is a space (PaddleOCR use_space_char).
    d = [...readVerified(`${ref.id} dictionary`, asset.path, asset.sha256).toString('utf8').split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1), ' '];
    dictionaries.set(key, d);
  }
  return d;
};

const abortError = () => Object.assign(new Error('The analysis was cancelled.'), { name: 'AbortError' });

type Handler<K extends TaskName> = (args: TaskMap[K]['args'], models: Record<string, ModelRef>, checkCancelled: () => void, isCancelled: () => boolean) => Promise<TaskMap[K]['result']>;
const handlers: { [K in TaskName]: Handler<K> } = {
  load: async (_args, models) => {
    for (const ref of Object.values(models)) {
      await session(ref);
      if (ref.assets?.dictionary) dictionary(ref);
    }
    return { loaded: Object.keys(models) };
  },
  faces: async (args, models) => {
    const found = await detectFaces(await session(models.detector), args.path, args);
    const crops: Uint8Array[] = [];
    for (const face of found.faces) crops.push((await faceCrop(found.rgb, found.width, found.height, face, 1)).jpeg);
    return { width: found.width, height: found.height, faces: found.faces, crops };
  },
  deepfake: async (args, models, checkCancelled) => {
    const found = await detectFaces(await session(models.detector), args.path, args);
    const classifier = await session(models.classifier);
    const faces = [];
    for (const face of found.faces) {
      checkCancelled();
      const crop = await faceCrop(found.rgb, found.width, found.height, face, args.cropScale);
      faces.push({ ...face, pReal: await mesoScore(classifier, crop.raw), crop: crop.jpeg });
    }
    return { width: found.width, height: found.height, faces };
  },
  mesoImage: async (args, models) => ({ pReal: await mesoImage(await session(models.classifier), args.path) }),
  ocr: async (args, models, checkCancelled) => recogniseText(await session(models.detector), await session(models.recogniser), dictionary(models.recogniser), args.path, checkCancelled),
  vad: async (args, models, checkCancelled, isCancelled) => detectSpeech(await session(models.vad), args.path, checkCancelled, isCancelled),
};

const run = async (request: Extract<WorkerRequest, { type: 'task' }>): Promise<unknown> => {
  const isCancelled = () => cancelled.has(request.id);
  const checkCancelled = () => {
    if (isCancelled()) throw abortError();
  };
  const handler = handlers[request.task] as Handler<TaskName>;
  if (!handler) throw new Error(`unknown inference task ${request.task}`);
  return handler(request.args as never, request.models, checkCancelled, isCancelled);
};

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  run(request).then(
    (value) => port.postMessage({ type: 'result', id: request.id, ok: true, value } satisfies WorkerResponse),
    (e: unknown) => {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      port.postMessage({ type: 'result', id: request.id, ok: false, error } satisfies WorkerResponse);
    },
  ).finally(() => cancelled.delete(request.id));
});
