import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { log } from '../logger.ts';
import { loadManifest, readVerified, repoRoot, resolveModelFile, type ModelEntry } from './manifest.ts';
import type { ModelRef, TaskMap, TaskName, WorkerRequest, WorkerResponse } from './protocol.ts';

// The model registry: which models exist (models/manifest.json), where their files are, whether they are
// installed and intact, and one shared worker thread that runs them. Every path is resolved at run time from
// the repository root; nothing is copied into the repository.

export type ModelStatus =
  | { state: 'ready'; entry: ModelEntry; ref: ModelRef }
  | { state: 'not-installed' | 'refused'; entry: ModelEntry | null; message: string };

export type RegistryOptions = {
  root?: string;
  /** Replaces a model's file (tests, or a model kept in the data folder). */
  files?: Record<string, string>;
  entries?: ModelEntry[];
};

export class ModelRegistry {
  readonly root: string;
  readonly entries: ModelEntry[];
  private readonly files: Record<string, string>;
  // Hashing a 10 MB model on every availability check would be wasteful: remember the verdict per file state.
  private readonly verified = new Map<string, string | null>();

  constructor(options: RegistryOptions = {}) {
    this.root = options.root ?? repoRoot();
    this.entries = options.entries ?? loadManifest(this.root).models;
    this.files = options.files ?? {};
  }

  entry(id: string): ModelEntry | null {
    return this.entries.find((e) => e.id === id) ?? null;
  }

  path(entry: ModelEntry): string {
    return this.files[entry.id] ?? (process.env[`CASEBENCH_MODEL_${entry.id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] || resolveModelFile(this.root, entry.file));
  }

  /** Resolves a model and checks its bytes (and its assets') against the manifest before anything loads them. */
  status(id: string): ModelStatus {
    const entry = this.entry(id);
    if (!entry) return { state: 'not-installed', entry: null, message: `Model ${id} is not in models/manifest.json.` };
    const files = [{ label: entry.id, path: this.path(entry), sha256: entry.sha256 }, ...(entry.assets ?? []).map((a) => ({ label: `${entry.id} ${a.role}`, path: resolveModelFile(this.root, a.file), sha256: a.sha256 }))];
    for (const f of files) {
      if (!existsSync(f.path)) return { state: 'not-installed', entry, message: `${entry.title} is not installed (${f.path} is missing). ${entry.install}` };
      const s = statSync(f.path);
      const key = `${f.path}\n${s.size}\n${s.mtimeMs}\n${f.sha256}`;
      if (!this.verified.has(key)) {
        try {
          readVerified(f.label, f.path, f.sha256);
          this.verified.set(key, null);
        } catch (e) {
          this.verified.set(key, e instanceof Error ? e.message : String(e));
        }
      }
      const problem = this.verified.get(key);
      if (problem) return { state: 'refused', entry, message: problem };
    }
    const assets = Object.fromEntries((entry.assets ?? []).map((a) => [a.role, { path: resolveModelFile(this.root, a.file), sha256: a.sha256 }]));
    return { state: 'ready', entry, ref: { id: entry.id, path: files[0].path, sha256: entry.sha256, assets } };
  }

  /** null when every model is ready; otherwise what is missing and how to install it. */
  unavailable(...ids: string[]): string | null {
    const problems = ids.map((id) => this.status(id)).filter((s): s is Exclude<ModelStatus, { state: 'ready' }> => s.state !== 'ready');
    return problems.length ? problems.map((p) => p.message).join(' ') : null;
  }

  /** Runs a task in the shared inference worker with the named models (role → model id). */
  async run<K extends TaskName>(task: K, models: Record<string, string>, args: TaskMap[K]['args'], signal?: AbortSignal): Promise<TaskMap[K]['result']> {
    const refs: Record<string, ModelRef> = {};
    for (const [role, id] of Object.entries(models)) {
      const s = this.status(id);
      if (s.state !== 'ready') throw new ModelUnavailableError(id, s.message);
      refs[role] = s.ref;
    }
    return inferenceWorker().call(task, refs, args, signal) as Promise<TaskMap[K]['result']>;
  }
}

export class ModelUnavailableError extends Error {
  constructor(
    readonly modelId: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

let shared: ModelRegistry | null = null;
/** The registry for this installation, built on first use. */
export const modelRegistry = (): ModelRegistry => (shared ??= new ModelRegistry());

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** A worker thread with the sessions in it; started on first use, restarted if it dies, idle-unref'd. */
class InferenceWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const here = fileURLToPath(import.meta.url);
    // A bundled build can ship the worker as inference-worker.js beside the bundle; from source it runs via tsx.
    const bundled = join(here, '..', 'inference-worker.js');
    const worker = existsSync(bundled)
      ? new Worker(bundled)
      : new Worker(join(repoRoot(), 'core', 'inference', 'worker-bootstrap.mjs'), { workerData: { entry: pathToFileURL(join(repoRoot(), 'core', 'inference', 'worker.ts')).href } });
    worker.on('message', (m: WorkerResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      this.idle();
      if (m.ok) p.resolve(m.value);
      else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
    });
    const fail = (e: Error) => {
      log.error('inference worker stopped', { error: e.message });
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(`The inference worker stopped: ${e.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => this.worker === worker && fail(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private idle() {
    if (this.pending.size === 0) this.worker?.unref();
  }

  call(task: TaskName, models: Record<string, ModelRef>, args: unknown, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(abortError());
    const worker = this.start();
    worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
        this.idle();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      worker.postMessage({ type: 'task', id, task, models, args } satisfies WorkerRequest);
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('The inference worker was stopped.'));
    this.pending.clear();
    if (w) await w.terminate();
  }
}

const abortError = () => Object.assign(new Error('The analysis was cancelled.'), { name: 'AbortError' });

let worker: InferenceWorker | null = null;
const inferenceWorker = (): InferenceWorker => (worker ??= new InferenceWorker());

/** Stops the inference worker (end of a CLI run or a test file); the next task starts a new one. */
export const stopInferenceWorker = async (): Promise<void> => {
  await worker?.stop();
};
