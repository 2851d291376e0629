import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { CaseListQuery, CaseRow, SortColumn } from '../../common/contract.ts';
import type { Note, Task } from '../../common/domain/case.ts';
import type { TimelineEntry } from '../../common/domain/events.ts';
import { hlcToIso } from '../../common/hlc.ts';

export type ListQuery = z.output<typeof CaseListQuery>;

// Column names come from this fixed map, never from input, so the ORDER BY is safe to interpolate.
const SORT_SQL: Record<SortColumn, string> = {
  number: 'number',
  kind: 'kind',
  status: 'status',
  claimant: 'claimant',
  plate: 'plate',
  incidentAt: 'incident_at',
  amount: 'amount_cents',
  assignee: 'assignee',
  updatedAt: 'updated_at',
};

/**
 * Turns what a person typed into an FTS5 query: every word must match, the last one as a prefix (so
 * results follow typing). Quoting each token means FTS syntax characters in input are plain text.
 */
export const ftsQuery = (input: string): string | null => {
  const tokens = input.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 12);
  if (tokens.length === 0) return null;
  return tokens.map((t, i) => (i === tokens.length - 1 && t.length >= 2 ? `"${t}"*` : `"${t}"`)).join(' ');
};

const ROW_COLUMNS = `id, kind, number, status, claimant, plate, incident_at AS incidentAt, amount_cents AS amountCents, assignee, updated_at AS updatedAt`;

export const createCaseQueries = (db: Database.Database) => {
  const countStmt = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = countStmt.get(sql);
    if (!s) {
      s = db.prepare(sql);
      countStmt.set(sql, s);
    }
    return s;
  };

  const where = (query: ListQuery) => {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.kind) {
      clauses.push('kind = @kind');
      params.kind = query.kind;
    }
    if (query.status && query.status.length > 0) {
      clauses.push('status IN (SELECT value FROM json_each(@status))');
      params.status = JSON.stringify(query.status);
    }
    if (query.assignee) {
      clauses.push('assignee = @assignee');
      params.assignee = query.assignee;
    }
    if (query.incidentFrom) {
      clauses.push('incident_at >= @incidentFrom');
      params.incidentFrom = query.incidentFrom;
    }
    if (query.incidentTo) {
      clauses.push('incident_at <= @incidentTo');
      params.incidentTo = query.incidentTo;
    }
    if (query.amountMinCents !== undefined) {
      clauses.push('amount_cents >= @amountMin');
      params.amountMin = query.amountMinCents;
    }
    if (query.amountMaxCents !== undefined) {
      clauses.push('amount_cents <= @amountMax');
      params.amountMax = query.amountMaxCents;
    }
    const fts = query.search ? ftsQuery(query.search) : null;
    if (fts) {
      clauses.push(`rowid IN (
        SELECT rowid FROM case_search WHERE case_search MATCH @fts
        UNION SELECT c.rowid FROM note_search s JOIN notes n ON n.rowid = s.rowid JOIN cases c ON c.id = n.case_id WHERE note_search MATCH @fts)`);
      params.fts = fts;
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  };

  const list = (query: ListQuery): { total: number; rows: CaseRow[] } => {
    const { sql, params } = where(query);
    const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_SQL[query.sort]} ${dir}, rowid ${dir}`;
    const rows = prepared(`SELECT ${ROW_COLUMNS} FROM cases ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit: query.limit, offset: query.offset }) as CaseRow[];
    const total = (prepared(`SELECT count(*) FROM cases ${sql}`).pluck().get(params) as number) ?? 0;
    return { total, rows };
  };

  const notes = db.prepare('SELECT id, case_id AS caseId, text, author, created_at AS createdAt FROM notes WHERE case_id = ? ORDER BY created_at, rowid');
  const tasks = db.prepare(
    'SELECT id, case_id AS caseId, title, due_date AS dueDate, assignee, done, created_by AS createdBy, created_at AS createdAt, completed_at AS completedAt FROM tasks WHERE case_id = ? ORDER BY created_at, rowid',
  );
  const conflicts = db.prepare('SELECT id, case_id AS caseId, event_id AS eventId, description FROM conflicts WHERE case_id = ?');
  const timeline = db.prepare('SELECT id, type, hlc, actor, actor_role AS actorRole, device_id AS deviceId, payload FROM events WHERE case_id = ? ORDER BY hlc, device_id, id');

  const dropNulls = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as T;

  return {
    list,
    notes: (caseId: string): Note[] => notes.all(caseId) as Note[],
    tasks: (caseId: string): Task[] =>
      (tasks.all(caseId) as (Omit<Task, 'done'> & { done: number })[]).map((t) => dropNulls({ ...t, done: t.done === 1 }) as Task),
    conflicts: (caseId: string) => conflicts.all(caseId) as { id: string; caseId: string; eventId: string; description: string }[],
    timeline: (caseId: string): TimelineEntry[] =>
      (timeline.all(caseId) as (Omit<TimelineEntry, 'payload' | 'at'> & { payload: string })[]).map((e) => ({ ...e, at: hlcToIso(e.hlc), payload: JSON.parse(e.payload) as unknown })),
    counts: () => ({
      cases: db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
      events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
    }),
  };
};
export type CaseQueries = ReturnType<typeof createCaseQueries>;
