import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../core/api/dispatch.ts';
import { ftsQuery } from '../../core/cases/queries.ts';
import { parseCsv, previewImport } from '../../core/import/claims.ts';
import { DomainError } from '../../common/result.ts';

const handlers = (overrides: Partial<Handlers>) => overrides as Handlers;

describe('the call boundary', () => {
  it('refuses unknown names, including inherited object keys', async () => {
    const dispatch = createDispatcher(handlers({}));
    expect(await dispatch('cases.nuke', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });
  it('validates input before the handler runs and names the field', async () => {
    let ran = false;
    const dispatch = createDispatcher(handlers({ 'notes.add': () => ((ran = true), { noteId: 'n' }) }));
    const r = await dispatch('notes.add', { caseId: 'c', text: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!r.ok && r.error.message).toContain('text: is required');
    expect(ran).toBe(false);
  });
  it('turns thrown domain errors into values and hides nothing the user needs', async () => {
    const dispatch = createDispatcher(handlers({ 'cases.get': () => { throw new DomainError('NOT_FOUND', 'No case with id x.'); } }));
    expect(await dispatch('cases.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No case with id x.' } });
  });
  it('refuses a handler result that breaks the contract', async () => {
    const dispatch = createDispatcher(handlers({ 'profile.get': () => ({ name: 'A', role: 'wizard' as 'adjuster' }) }));
    expect(await dispatch('profile.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('search input', () => {
  it('quotes every word so FTS syntax in input is plain text', () => {
    expect(ftsQuery('AB12 CDE')).toBe('"AB12" "CDE"*');
    expect(ftsQuery('smith" OR 1=1 --')).toBe('"smith" "OR" "1" "1"');
    expect(ftsQuery('  ***  ')).toBeNull();
  });
});

describe('import', () => {
  it('parses quoted CSV fields with commas, quotes and new lines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
    expect(() => parseCsv('a\n"open')).toThrow(/inside a quoted field/);
  });
  it('previews valid rows and rejects bad ones with row number and reason', () => {
    const header = 'claim_number,policy_number,policy_type,policy_inception_date,incident_at,amount_claimed,claimant_name,vehicle_vin';
    const csv = [header, 'C-1,P-1,collision,2024-01-01,2026-02-01T10:00,1200.50,Ann Lee,1HGCM82633A004352', 'C-2,P-2,collision,01/02/2024,2026-02-01T10:00,100,Bo Chan,', 'C-3,P-3,collision,2024-01-01,2026-02-01T10:00,lots,Cy Dee,', 'C-4,P-4'].join('\n');
    const p = previewImport(csv, 'csv');
    expect(p.valid.map((c) => c.claimNumber)).toEqual(['C-1']);
    expect(p.valid[0].amountClaimedCents).toBe(120050);
    expect(p.rejected).toEqual([
      { row: 3, reason: 'policy.inceptionDate: must be a date like 2026-03-31' },
      { row: 4, reason: 'amount_claimed "lots" is not an amount' },
      { row: 5, reason: 'has 2 fields where the header has 8' },
    ]);
  });
  it('names the missing required columns', () => {
    expect(() => previewImport('claim_number,claimant_name\nC-1,Ann', 'csv')).toThrow(/no policy_number, policy_type, policy_inception_date, incident_at, amount_claimed columns/);
  });
});
