import { parentPort } from 'node:worker_threads';
import { PIXEL_TASKS, type PixelTaskName } from './tasks.ts';

// An analysis worker thread: runs one pixel task at a time for the pool and answers with its result.
type Request = { id: number; task: PixelTaskName; args: unknown };

parentPort?.on('message', async (m: Request) => {
  try {
    const run = PIXEL_TASKS[m.task] as (a: unknown) => Promise<unknown>;
    const value = await run(m.args);
    parentPort?.postMessage({ id: m.id, ok: true, value });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
