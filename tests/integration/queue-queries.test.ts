import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SORT_COLUMNS, type CaseRow } from '../../common/contract.ts';
import { CLAIM_STATUSES } from '../../common/domain/workflow.ts';
import { SEARCH_CAP } from '../../core/cases/queries.ts';
import type { EventDraft } from '../../core/events/store.ts';
import { claimDraft, withWorkspace } from '../helpers/workspace.ts';

// The queue answers big result sets by merging per-status index ranges; these tests hold it to the
// plain ORDER BY answer, row for row, so the fast path can never show a different page.
describe('queue pages at scale', () => {
  const w = withWorkspace();
  beforeAll(() => {
    const seen = new Set<string>();
    for (let b = 0; b < 7; b++) {
      const drafts: EventDraft[] = [];
      for (let i = b * 1000; i < (b + 1) * 1000; i++) {
        const created = w.ws.cases.claimEvent(
          claimDraft({
            claimNumber: `Q-${String(i).padStart(5, '0')}`,
            amountClaimedCents: (i * 7919) % 900_000,
            assignee: `Adjuster ${i % 7}`,
            parties: [{ role: 'claimant', name: `Common Surname ${i % 13}` }],
            incident: { ...claimDraft().incident, occurredAt: `2026-0${(i % 9) + 1}-1${i % 10}T10:00` },
          }),
          seen,
        );
        drafts.push(created);
        const to = CLAIM_STATUSES[(i * 31) % 4 === 0 ? 0 : ((i * 31) % 3) + 1];
        if (to !== 'intake') drafts.push({ caseId: created.caseId, type: 'case.transitioned', payload: { from: 'intake', to, reason: 'test' } });
      }
      w.ws.cases.append(drafts);
    }
  }, 120_000);
  afterAll(() => w.cleanup());

  const naive = (sort: string, dir: 'asc' | 'desc', where: string, offset: number): string[] => {
    const column = { number: 'number', kind: 'kind', status: 'status', claimant: 'claimant', plate: 'plate', incidentAt: 'incident_at', amount: 'amount_cents', assignee: 'assignee', updatedAt: 'updated_at' }[sort];
    const tie = sort === 'status' ? `updated_at ${dir}, ` : '';
    return w.ws.db.prepare(`SELECT number FROM cases ${where} ORDER BY ${column} ${dir}, ${tie}rowid ${dir} LIMIT 50 OFFSET ${offset}`).pluck().all() as string[];
  };
  const numbers = (rows: CaseRow[]) => rows.map((r) => r.number);

  it('gives exactly the rows a plain ORDER BY gives, for every sort, direction and a deeper page', () => {
    for (const sort of SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const offset of [0, 350]) {
          const all = w.ws.queries.list({ sort, direction, offset, limit: 50 });
          expect(numbers(all.rows), `${sort} ${direction} ${offset}`).toEqual(naive(sort, direction, '', offset));
          const some = w.ws.queries.list({ status: ['intake', 'investigation', 'approval'], sort, direction, offset, limit: 50 });
          expect(numbers(some.rows), `filtered ${sort} ${direction} ${offset}`).toEqual(naive(sort, direction, "WHERE status IN ('intake', 'investigation', 'approval')", offset));
        }
      }
    }
    expect(w.ws.queries.list({ sort: 'number', direction: 'asc', offset: 0, limit: 50 })).toMatchObject({ total: 7000, totalExact: true });
    // the filtered case above is big enough to take the merged path
    expect(w.ws.queries.list({ status: ['intake', 'investigation', 'approval'], sort: 'number', direction: 'asc', offset: 0, limit: 1 }).total).toBeGreaterThan(5000);
  });

  it('says a search with more than SEARCH_CAP matches is not exact and still returns sorted rows', () => {
    const r = w.ws.queries.list({ search: 'Surname', sort: 'amount', direction: 'desc', offset: 0, limit: 50 });
    expect(r.totalExact).toBe(false);
    expect(r.total).toBeLessThanOrEqual(SEARCH_CAP);
    const amounts = r.rows.map((row) => row.amountCents ?? 0);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const narrow = w.ws.queries.list({ search: 'Surname 7', sort: 'number', direction: 'asc', offset: 0, limit: 500 });
    expect(narrow.totalExact).toBe(true);
    expect(narrow.total).toBe(Math.ceil((7000 - 7) / 13));
  });
});
