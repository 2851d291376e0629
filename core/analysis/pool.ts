import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { log } from '../logger.ts';
import { PIXEL_TASKS, type PixelTaskArgs, type PixelTaskName, type PixelTaskResult } from './tasks.ts';

// A small pool (1-2 threads on this kind of machine) for pixel work, so decoding and forensic maps never run
// on the thread that answers the UI. From source (tests, CLI, browser shell) the worker is the TypeScript
// file run through tsx; a bundle that ships `analysis-worker.js` beside itself uses that. Where neither
// exists the tasks run inline, which is logged once.

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type Slot = { worker: Worker; busy: boolean; pending: Map<number, Pending> };

const TASK_TIMEOUT_MS = 120_000;

type WorkerTarget = { script: string | URL; eval: boolean };

const workerTarget = (): WorkerTarget | null => {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // Loader flags in a worker's execArgv are not honoured on every Node version, so the worker registers
    // tsx itself before importing the TypeScript entry.
    const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
    const entry = pathToFileURL(join(dirname(here), 'worker.ts')).href;
    return { script: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
  }
  const bundled = join(dirname(here), 'analysis-worker.js');
  return existsSync(bundled) ? { script: pathToFileURL(bundled), eval: false } : null;
};

export class PixelPool {
  private readonly slots: Slot[] = [];
  private readonly queue: (() => void)[] = [];
  private nextId = 1;
  private readonly target = workerTarget();
  private warned = false;

  constructor(private readonly size = Math.max(1, Math.min(2, cpus().length - 1))) {}

  private spawn(): Slot {
    const worker = new Worker(this.target!.script, { eval: this.target!.eval });
    const slot: Slot = { worker, busy: false, pending: new Map() };
    worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const failAll = (e: Error) => {
      for (const p of slot.pending.values()) {
        clearTimeout(p.timer);
        p.reject(e);
      }
      slot.pending.clear();
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
    };
    worker.on('error', (e) => failAll(e));
    worker.on('exit', (code) => failAll(new Error(`the analysis worker stopped (exit ${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) return Promise.resolve(free);
    if (this.slots.length < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.queue.push(() => resolve(this.acquire())));
  }

  async run<K extends PixelTaskName>(task: K, args: PixelTaskArgs<K>, signal?: AbortSignal): Promise<PixelTaskResult<K>> {
    signal?.throwIfAborted();
    if (!this.target) {
      if (!this.warned) log.warn('analysis worker not found; pixel tasks run on the main thread');
      this.warned = true;
      return (PIXEL_TASKS[task] as (a: PixelTaskArgs<K>) => Promise<PixelTaskResult<K>>)(args);
    }
    const slot = await this.acquire();
    slot.busy = true;
    const id = this.nextId++;
    try {
      return await new Promise<PixelTaskResult<K>>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`the ${task} step took longer than ${TASK_TIMEOUT_MS / 1000} s and was stopped`));
          void slot.worker.terminate();
        }, TASK_TIMEOUT_MS);
        slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        const onAbort = () => {
          reject(new Error('cancelled'));
          void slot.worker.terminate();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        slot.worker.postMessage({ id, task, args });
      });
    } finally {
      slot.busy = false;
      this.queue.shift()?.();
    }
  }

  async close(): Promise<void> {
    const all = this.slots.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}
