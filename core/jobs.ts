import type Database from 'better-sqlite3';
import { uuidv7 } from './ids.ts';
import { DomainError } from '../common/result.ts';
import { log } from './logger.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
export type JobRecord = { id: string; kind: string; label: string; state: JobState; done: number; total: number; input: unknown; result: unknown; error: string | null; createdAt: string; updatedAt: string };
export type JobContext = { jobId: string; signal: AbortSignal; progress: (done: number, total: number) => void };
export type JobProgress = (job: { jobId: string; label: string; done: number; total: number; state: JobState }) => void;

type Row = { id: string; kind: string; label: string; state: JobState; done: number; total: number; input: string; result: string | null; error: string | null; created_at: string; updated_at: string };
const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  state: r.state,
  done: r.done,
  total: r.total,
  input: JSON.parse(r.input) as unknown,
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Runs long work off the request path: a call starts a job and returns its id at once; the job reports
 * progress (as `job.progress` events, and in the jobs table) and stops at the next check of its signal
 * when cancelled. Jobs found 'running' on start were cut off by a crash or quit and are marked
 * 'interrupted' so a person (or the kind's own resume logic) can start them again.
 */
export class JobRunner {
  private readonly controllers = new Map<string, AbortController>();
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly onProgress: JobProgress,
  ) {
    db.prepare("UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE state IN ('running', 'queued')").run(new Date().toISOString());
  }

  start<T>(kind: string, label: string, input: unknown, work: (ctx: JobContext) => Promise<T>): string {
    const id = uuidv7();
    const now = new Date().toISOString();
    this.db.prepare("INSERT INTO jobs (id, kind, label, state, input, created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?, ?)").run(id, kind, label, JSON.stringify(input ?? null), now, now);
    const controller = new AbortController();
    this.controllers.set(id, controller);
    const progress = (done: number, total: number) => {
      // The table is written at most every 250 ms per job; events go out every time.
      const t = Date.now();
      if (t - (this.lastWrite.get(id) ?? 0) > 250 || done >= total) {
        this.db.prepare('UPDATE jobs SET done = ?, total = ?, updated_at = ? WHERE id = ?').run(done, total, new Date(t).toISOString(), id);
        this.lastWrite.set(id, t);
      }
      this.onProgress({ jobId: id, label, done, total, state: 'running' });
    };
    const finish = (state: JobState, result: unknown, error: string | null) => {
      this.controllers.delete(id);
      this.lastWrite.delete(id);
      this.db.prepare('UPDATE jobs SET state = ?, result = ?, error = ?, updated_at = ? WHERE id = ?').run(state, result === undefined ? null : JSON.stringify(result), error, new Date().toISOString(), id);
      const job = this.get(id);
      this.onProgress({ jobId: id, label, done: job.done, total: job.total, state });
    };
    // Start on the next turn so the caller gets the id before the first progress event.
    setImmediate(() => {
      work({ jobId: id, signal: controller.signal, progress })
        .then((result) => finish(controller.signal.aborted ? 'cancelled' : 'done', result, null))
        .catch((e: unknown) => {
          if (controller.signal.aborted) return finish('cancelled', null, null);
          const message = e instanceof Error ? e.message : String(e);
          log.error('job failed', { id, kind, message });
          finish('failed', null, message);
        });
    });
    return id;
  }

  cancel(id: string): void {
    const controller = this.controllers.get(id);
    if (!controller) {
      const job = this.get(id);
      throw new DomainError('CONFLICT', `That job has already ${job.state === 'done' ? 'finished' : `ended (${job.state})`}.`);
    }
    controller.abort();
  }

  get(id: string): JobRecord {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `No job with id ${id}.`);
    return toRecord(row);
  }

  list(limit = 50): JobRecord[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map(toRecord);
  }

  /** Waits for a job to end (tests, CLI). */
  async wait(id: string, pollMs = 20): Promise<JobRecord> {
    for (;;) {
      const job = this.get(id);
      if (!['running', 'queued'].includes(job.state)) return job;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  cancelAll(): void {
    for (const c of this.controllers.values()) c.abort();
  }
}
