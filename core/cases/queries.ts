import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { LIST_COUNT_CAP, type CaseListQuery, type CaseRow, type SortColumn } from '../../common/contract.ts';
import type { Note, Task } from '../../common/domain/case.ts';
import { CLAIM_STATUSES, POLICE_STATUSES } from '../../common/domain/workflow.ts';
import type { TimelineEntry } from '../../common/domain/events.ts';
import { hlcToIso } from '../../common/hlc.ts';

export type ListQuery = z.output<typeof CaseListQuery>;

// Column names come from this fixed map, never from input, so the ORDER BY is safe to interpolate.
/** The status-led index that serves each sort order (an index ends in rowid, the tie-break). */
const SORT_INDEX: Record<SortColumn, string> = {
  number: 'cases_by_status_number',
  kind: 'cases_by_status_kind',
  status: 'cases_by_status_updated',
  claimant: 'cases_by_status_claimant',
  plate: 'cases_by_status_plate',
  incidentAt: 'cases_by_status_incident',
  amount: 'cases_by_status_amount',
  assignee: 'cases_by_status_assignee',
  updatedAt: 'cases_by_status_updated',
};

/** Full-text matches considered per query; past this the page says "refine the search". */
export const SEARCH_CAP = 5_000;

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

const statusesOf = (kind: ListQuery['kind']): string[] =>
  kind === 'claim' ? [...CLAIM_STATUSES] : kind === 'police' ? [...POLICE_STATUSES] : [...CLAIM_STATUSES, ...POLICE_STATUSES];

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

  const searchCases = db.prepare(`SELECT rowid FROM case_search WHERE case_search MATCH ? LIMIT ${SEARCH_CAP}`).pluck();
  const searchNotes = db.prepare(
    `SELECT c.rowid FROM note_search s JOIN notes n ON n.rowid = s.rowid JOIN cases c ON c.id = n.case_id WHERE note_search MATCH ? LIMIT ${SEARCH_CAP}`,
  ).pluck();

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
    let searchCapped = false;
    if (fts) {
      // The full-text matches are found once, here, and handed to the count and the page as a list,
      // instead of each of them running the FTS queries again.
      const caseHits = searchCases.all(fts) as number[];
      const noteHits = searchNotes.all(fts) as number[];
      searchCapped = caseHits.length >= SEARCH_CAP || noteHits.length >= SEARCH_CAP;
      clauses.push('rowid IN (SELECT value FROM json_each(@hits))');
      params.hits = JSON.stringify([...new Set([...caseHits, ...noteHits])]);
    }
    const withoutStatus = clauses.filter((c) => !c.startsWith('status IN'));
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', rest: withoutStatus, params, fts, searchCapped };
  };


  /**
   * One page of the queue. Left alone, SQLite answers "status IN (...) ORDER BY updated_at" by sorting
   * every match: fine for a few thousand rows, seconds for 900,000. When the filter keeps many cases, the
   * page is read one status at a time from the status-led index for the sort column (each a short index
   * range) and the per-status pages are merged by SQLite. The capped count tells which case we are in.
   */
  const list = (query: ListQuery): { total: number; totalExact: boolean; rows: CaseRow[] } => {
    const { sql, rest, params, fts, searchCapped } = where(query);
    const counted = prepared(`SELECT count(*) FROM (SELECT 1 FROM cases ${sql} LIMIT ${LIST_COUNT_CAP + 1})`).pluck().get(params) as number;
    const dir = query.direction === 'asc' ? 'ASC' : 'DESC';
    // Within one status, a status sort falls back to last change (what the status-led index holds).
    const tieBreak = query.sort === 'status' ? `updated_at ${dir}, ` : '';
    const order = `${SORT_SQL[query.sort]} ${dir}, ${tieBreak}rowid ${dir}`;
    const page = { ...params, limit: query.limit, offset: query.offset };
    let rows: CaseRow[];
    // A search is already bounded by SEARCH_CAP: sorting its matches beats re-running it once per status.
    if (counted <= 5000 || fts !== null) {
      rows = prepared(`SELECT ${ROW_COLUMNS} FROM cases ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(page) as CaseRow[];
    } else {
      const statuses = query.status?.length ? query.status : statusesOf(query.kind);
      const restSql = rest.length ? `AND ${rest.join(' AND ')}` : '';
      const parts = statuses.map(
        (_, i) => `SELECT * FROM (SELECT ${ROW_COLUMNS}, rowid AS r FROM cases INDEXED BY ${SORT_INDEX[query.sort]} WHERE status = @s${i} ${restSql} ORDER BY ${order} LIMIT @window)`,
      );
      const statusParams = Object.fromEntries(statuses.map((s, i) => [`s${i}`, s]));
      const merged = `${parts.join(' UNION ALL ')} ORDER BY ${query.sort === 'amount' ? 'amountCents' : query.sort} ${dir}, ${query.sort === 'status' ? `updatedAt ${dir}, ` : ''}r ${dir} LIMIT @limit OFFSET @offset`;
      rows = (prepared(merged).all({ ...page, ...statusParams, window: query.offset + query.limit }) as (CaseRow & { r: number })[]).map(({ r: _r, ...row }) => row);
    }
    return { total: Math.min(counted, LIST_COUNT_CAP), totalExact: counted <= LIST_COUNT_CAP && !searchCapped, rows };
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
