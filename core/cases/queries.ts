import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { LIST_COUNT_CAP, type CaseListQuery, type CaseRow, type SortColumn } from '../../common/contract.ts';
import type { Note, Task } from '../../common/domain/case.ts';
import type { TimelineEntry } from '../../common/domain/events.ts';
import { hlcToIso } from '../../common/hlc.ts';

export type ListQuery = z.output<typeof CaseListQuery>;

// Column names come from this fixed map, never from input, so the ORDER BY is safe to interpolate.
/** The index that serves each sort order (an index on a column ends in rowid, the tie-break). */
const SORT_INDEX: Record<SortColumn, string> = {
  number: 'cases_by_number',
  kind: 'cases_by_kind',
  status: 'cases_by_status',
  claimant: 'cases_by_claimant',
  plate: 'cases_by_plate',
  incidentAt: 'cases_by_incident',
  amount: 'cases_by_amount',
  assignee: 'cases_by_assignee',
  updatedAt: 'cases_by_updated',
};

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

  const size = db.prepare('SELECT coalesce(max(rowid), 0) FROM cases').pluck();

  /**
   * One page of the queue. SQLite's planner, left alone, answers "status = intake ORDER BY updated_at"
   * through the status index and sorts every match: fine for a rare status, seconds for 900,000 rows.
   * The capped count we need for the page header tells which case we are in: when the filter keeps a
   * fair share of all cases, walking the sort column's index finds a page within a few hundred rows.
   */
  const list = (query: ListQuery): { total: number; totalExact: boolean; rows: CaseRow[] } => {
    const { sql, params } = where(query);
    const counted = prepared(`SELECT count(*) FROM (SELECT 1 FROM cases ${sql} LIMIT ${LIST_COUNT_CAP + 1})`).pluck().get(params) as number;
    const walkSortIndex = sql !== '' && counted > 2000 && counted >= (size.get() as number) * 0.005;
    const from = walkSortIndex ? `cases INDEXED BY ${SORT_INDEX[query.sort]}` : 'cases';
    const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
    const order = `${SORT_SQL[query.sort]} ${dir}, rowid ${dir}`;
    const rows = prepared(`SELECT ${ROW_COLUMNS} FROM ${from} ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit: query.limit, offset: query.offset }) as CaseRow[];
    return { total: Math.min(counted, LIST_COUNT_CAP), totalExact: counted <= LIST_COUNT_CAP, rows };
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
