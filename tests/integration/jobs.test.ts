import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../core/workspace.ts';
import { withWorkspace } from '../helpers/workspace.ts';

describe('jobs', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reports progress, finishes with a result, and can be cancelled part way', async () => {
    const w = withWorkspace();
    cleanup = w.cleanup;
    const events: { done: number; state?: string }[] = [];
    w.ws.subscribe((name, body) => name === 'job.progress' && events.push(body as { done: number; state?: string }));
    const work = (steps: number) => async ({ signal, progress }: { signal: AbortSignal; progress: (d: number, t: number) => void }) => {
      for (let i = 1; i <= steps; i++) {
        if (signal.aborted) return { stoppedAt: i };
        await new Promise((r) => setTimeout(r, 5));
        progress(i, steps);
      }
      return { steps };
    };
    const done = await w.ws.jobs.wait(w.ws.jobs.start('test', 'Counting', { n: 5 }, work(5)));
    expect(done).toMatchObject({ state: 'done', done: 5, total: 5, result: { steps: 5 }, input: { n: 5 } });
    expect(events.map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 5]);
    expect(events.at(-1)?.state).toBe('done');

    const id = w.ws.jobs.start('test', 'Long count', {}, work(10_000));
    await new Promise((r) => setTimeout(r, 50));
    w.ws.jobs.cancel(id);
    const cancelled = await w.ws.jobs.wait(id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(10_000);
    expect(() => w.ws.jobs.cancel(id)).toThrow(/already ended \(cancelled\)/);
  });

  it('marks a job that was running when the app stopped as interrupted', async () => {
    const w = withWorkspace();
    cleanup = w.cleanup;
    const id = w.ws.jobs.start('test', 'Never ends', {}, () => new Promise(() => {}));
    await new Promise((r) => setTimeout(r, 10));
    w.ws.db.close();
    const reopened = openWorkspace(w.dir);
    expect(reopened.jobs.get(id).state).toBe('interrupted');
    reopened.close();
  });

  it('fails a job whose work throws, with the reason', async () => {
    const w = withWorkspace();
    cleanup = w.cleanup;
    const job = await w.ws.jobs.wait(w.ws.jobs.start('test', 'Broken', {}, async () => { throw new Error('disk full'); }));
    expect(job).toMatchObject({ state: 'failed', error: 'disk full' });
  });
});
