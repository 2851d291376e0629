import { EVENT_PAYLOADS, type EventPayload, type EventType, type TimelineEntry } from '../../../../common/domain/events.ts';
import { STATUS_LABELS } from '../../../../common/domain/workflow.ts';
import { formatCents, formatDate } from '../../components/format.ts';
import { PARTY_ROLE_LABELS } from '../../components/labels.ts';
import { fieldLabel, formatFieldValue } from './fields.ts';

export const EVENT_LABELS: Record<EventType, string> = {
  'claim.created': 'Claim created',
  'policeCase.created': 'Police case created',
  'case.fieldsChanged': 'Details changed',
  'case.transitioned': 'Status changed',
  'case.partyAdded': 'Party added',
  'case.partyRemoved': 'Party removed',
  'case.vehicleAdded': 'Vehicle added',
  'case.vehicleRemoved': 'Vehicle removed',
  'case.claimLinked': 'Claim linked',
  'note.added': 'Note added',
  'task.added': 'Task added',
  'task.completed': 'Task completed',
  'evidence.added': 'Evidence added',
  'evidence.custody': 'Evidence custody',
  'analysis.recorded': 'Analysis recorded',
};

const NOTE_PREVIEW_CHARS = 240;


/** The payload checked against its schema; an event written by a newer version may not fit. */
const payloadOf = <T extends EventType>(type: T, payload: unknown): EventPayload<T> | null => {
  const parsed = EVENT_PAYLOADS[type].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<T>) : null;
};

const joined = (parts: (string | false | null | undefined)[]): string | null => parts.filter(Boolean).join(', ') || null;

/** One line saying what the event changed, or null when its name says it all. */
const summarise = (entry: TimelineEntry): string | null => {
  switch (entry.type) {
    case 'claim.created': {
      const p = payloadOf(entry.type, entry.payload);
      return p && joined([p.claim.claimNumber, `amount claimed ${formatCents(p.claim.amountClaimedCents)}`, p.claim.assignee && `assigned to ${p.claim.assignee}`]);
    }
    case 'policeCase.created': {
      const p = payloadOf(entry.type, entry.payload);
      return p && joined([p.policeCase.caseNumber, p.policeCase.offenceType, p.policeCase.assignee && `assigned to ${p.policeCase.assignee}`]);
    }
    case 'case.fieldsChanged': {
      const p = payloadOf(entry.type, entry.payload);
      return p && joined(Object.entries(p.changes).map(([f, v]) => `${fieldLabel(f)}: ${formatFieldValue(f, p.previous[f])} → ${formatFieldValue(f, v)}`));
    }
    case 'case.transitioned': {
      const p = payloadOf(entry.type, entry.payload);
      return p && `${STATUS_LABELS[p.from]} → ${STATUS_LABELS[p.to]}${p.reason ? `: ${p.reason}` : ''}`;
    }
    case 'case.partyAdded': {
      const p = payloadOf(entry.type, entry.payload);
      return p && `${p.party.name} (${PARTY_ROLE_LABELS[p.party.role]})`;
    }
    case 'case.vehicleAdded': {
      const p = payloadOf(entry.type, entry.payload);
      return p && joined([[p.vehicle.make, p.vehicle.model].filter(Boolean).join(' '), p.vehicle.plate && `plate ${p.vehicle.plate}`]);
    }
    case 'case.partyRemoved':
    case 'case.vehicleRemoved': {
      const p = payloadOf(entry.type, entry.payload);
      return p?.reason || null;
    }
    case 'note.added': {
      const p = payloadOf(entry.type, entry.payload);
      if (!p) return null;
      return p.text.length > NOTE_PREVIEW_CHARS ? `${p.text.slice(0, NOTE_PREVIEW_CHARS)}…` : p.text;
    }
    case 'task.added': {
      const p = payloadOf(entry.type, entry.payload);
      return p && (p.dueDate ? `${p.title} (due ${formatDate(p.dueDate)})` : p.title);
    }
    default:
      return null;
  }
};

export type EventDescription = { title: string; summary: string | null; changes: string[] };

/** Field edits list one line per field, so several fields changed at once read as a list. */
const changesOf = (entry: TimelineEntry): string[] => {
  if (entry.type !== 'case.fieldsChanged') return [];
  const p = payloadOf(entry.type, entry.payload);
  return p ? Object.entries(p.changes).map(([f, v]) => `${fieldLabel(f)}: ${formatFieldValue(f, p.previous[f])} → ${formatFieldValue(f, v)}`) : [];
};

export const describeEvent = (entry: TimelineEntry): EventDescription => {
  const changes = changesOf(entry);
  return { title: EVENT_LABELS[entry.type] ?? entry.type, summary: changes.length > 0 ? null : summarise(entry), changes };
};
