import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../common/domain/events.ts';
import { describeEvent } from '../../renderer/src/features/caseDetail/describeEvent.ts';
import { formatFieldValue, parseFieldInput, toInputText } from '../../renderer/src/features/caseDetail/fields.ts';
import { actionLabel } from '../../renderer/src/features/caseDetail/WorkflowActions.tsx';

// Inline editing reads what a person typed with the schemas core checks with, and the timeline says
// what each edit changed in the words and formats the case screen uses.

describe('editable fields', () => {
  it('reads dollars as cents and refuses what is not an amount', () => {
    expect(parseFieldInput('amountClaimedCents', '1,450.00')).toEqual({ ok: true, value: 145_000 });
    expect(parseFieldInput('amountClaimedCents', '$99')).toEqual({ ok: true, value: 9_900 });
    expect(parseFieldInput('amountClaimedCents', '12.345')).toEqual({ ok: false, message: 'Amount claimed must be an amount in dollars, like 1450 or 1,450.00' });
    expect(toInputText('amountClaimedCents', 145_000)).toBe('1450.00');
  });

  it('checks dates, required text and choices with the shared schemas', () => {
    expect(parseFieldInput('policy.inceptionDate', '2026-02-30x')).toEqual({ ok: false, message: 'Policy inception date must be a date like 2026-03-31' });
    expect(parseFieldInput('policy.number', '  ')).toEqual({ ok: false, message: 'Policy number is required' });
    expect(parseFieldInput('repairShop', '')).toEqual({ ok: true, value: null });
    expect(parseFieldInput('incident.fault', 'shared')).toEqual({ ok: true, value: 'shared' });
    expect(parseFieldInput('incident.witnessesPresent', true)).toEqual({ ok: true, value: true });
    expect(parseFieldInput('incident.occurredAt', '2026-03-02T17:40')).toEqual({ ok: true, value: '2026-03-02T17:40' });
  });

  it('formats stored values as the screen shows them', () => {
    expect(formatFieldValue('incident.fault', 'third_party')).toBe('Third party');
    expect(formatFieldValue('incident.policeReportFiled', false)).toBe('No');
    expect(formatFieldValue('assignee', null)).toBe('—');
  });
});

describe('timeline entries', () => {
  const entry = (type: TimelineEntry['type'], payload: unknown): TimelineEntry => ({ id: 'e1', type, hlc: '0', at: '2026-03-01T10:00:00.000Z', actor: 'Dana Reyes', actorRole: 'adjuster', deviceId: 'dev-1', payload });

  it('says what a field edit changed, one line per field, from previous to new', () => {
    const d = describeEvent(entry('case.fieldsChanged', { changes: { amountClaimedCents: 145_000, assignee: 'Sam Whitfield' }, previous: { amountClaimedCents: 120_000, assignee: null } }));
    expect(d.title).toBe('Details changed');
    expect(d.changes).toEqual(['Amount claimed: $1,200.00 → $1,450.00', 'Assignee: — → Sam Whitfield']);
  });

  it('gives a status change its reason', () => {
    expect(describeEvent(entry('case.transitioned', { from: 'approval', to: 'payment', reason: 'Approved.' })).summary).toBe('Approval → Payment: Approved.');
  });

  it('names each move the way the workflow buttons do', () => {
    expect(actionLabel('intake', 'investigation')).toBe('Move to Investigation');
    expect(actionLabel('approval', 'payment')).toBe('Approve for payment');
    expect(actionLabel('closed', 'investigation')).toBe('Reopen');
    expect(actionLabel('intake', 'referred_siu')).toBe('Refer to SIU');
  });
});
