import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../common/domain/events.ts';
import { formatCaseCount, formatCents, formatDate, formatDateTime, formatRange } from '../../renderer/src/components/format.ts';
import { describeEvent } from '../../renderer/src/features/caseDetail/describeEvent.ts';

// What a person reads: money, counts, dates and timeline lines.

const entry = (type: TimelineEntry['type'], payload: unknown): TimelineEntry => ({
  id: 'e1',
  type,
  hlc: '001767225600000-000000',
  at: '2026-01-01T00:00:00.000Z',
  actor: 'Dana Reyes',
  actorRole: 'adjuster',
  deviceId: 'd1',
  payload,
});

describe('renderer formatting', () => {
  it('shows cents as currency and missing amounts as a dash', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(null)).toBe('—');
  });

  it('counts cases and pages the way the queue shows them', () => {
    expect(formatCaseCount(3040)).toBe('3,040 cases');
    expect(formatCaseCount(1)).toBe('1 case');
    expect(formatRange(1, 50, 3040)).toBe('1–50 of 3,040');
    expect(formatRange(0, 0, 0)).toBe('No cases');
    expect(formatCaseCount(100_000, false)).toBe('100,000+ cases');
    expect(formatRange(1, 50, 100_000, false)).toBe('1–50 of 100,000+');
  });

  it('keeps an incident date as written, whatever the viewer’s time zone', () => {
    expect(formatDate('2025-03-01T23:30')).toBe('Mar 1, 2025');
    expect(formatDate('2025-12-31')).toBe('Dec 31, 2025');
    expect(formatDateTime('2025-03-01T23:30')).toBe('Mar 1, 2025, 11:30 PM');
    expect(formatDate(null)).toBe('—');
  });

  it('describes timeline events in words', () => {
    expect(describeEvent(entry('case.transitioned', { from: 'intake', to: 'referred_siu', reason: 'Shared phone number.' }))).toEqual({
      title: 'Status changed',
      summary: 'Intake → Referred to SIU: Shared phone number.',
      changes: [],
    });
    // A field edit lists each field with what it was and what it became.
    expect(describeEvent(entry('case.fieldsChanged', { changes: { assignee: 'Sam', 'incident.place': 'Mill Road' }, previous: { assignee: 'Dana Reyes' } })).changes).toEqual([
      'Assignee: Dana Reyes → Sam',
      'Incident place: — → Mill Road',
    ]);
    expect(describeEvent(entry('note.added', { noteId: 'n1', text: 'Called the claimant.' }))).toEqual({ title: 'Note added', summary: 'Called the claimant.', changes: [] });
  });

  it('still names an event whose payload it cannot read', () => {
    expect(describeEvent(entry('claim.created', { unexpected: true }))).toEqual({ title: 'Claim created', summary: null, changes: [] });
  });
});
