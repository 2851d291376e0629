import type Database from 'better-sqlite3';
import { uuidv7 } from '../ids.ts';
import { DEFAULT_APPROVAL_THRESHOLD_CENTS, SavedView, WorkspaceSettings, type SavedViewFilters } from '../../common/contract.ts';
import { CLAIM_STATUSES } from '../../common/domain/workflow.ts';
import { DomainError } from '../../common/result.ts';

// Workspace settings and saved queue views, kept in the `settings` table as JSON. They are preferences
// of this workspace, not case history, so they are not events.

const SETTINGS_KEY = 'workspace_settings';
const VIEWS_KEY = 'saved_views';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const formatMoney = (cents: number): string => usd.format(cents / 100);

const DEFAULTS: WorkspaceSettings = { approvalThresholdCents: DEFAULT_APPROVAL_THRESHOLD_CENTS, queueColumns: null };

export const readSettings = (db: Database.Database): WorkspaceSettings => {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SETTINGS_KEY) as string | undefined;
  if (!raw) return DEFAULTS;
  const parsed = WorkspaceSettings.partial().safeParse(JSON.parse(raw));
  return parsed.success ? { ...DEFAULTS, ...parsed.data } : DEFAULTS;
};

const OPEN_CLAIM_STATUSES = CLAIM_STATUSES.filter((s) => s !== 'closed' && s !== 'denied');

/** The views every workspace has; "My open claims" follows the profile name. */
export const builtInViews = (profileName: string): SavedView[] => [
  { id: 'builtin:mine', name: 'My open claims', builtIn: true, filters: { kind: 'claim', assignee: profileName, status: [...OPEN_CLAIM_STATUSES] } },
  { id: 'builtin:siu', name: 'Referred to SIU', builtIn: true, filters: { status: ['referred_siu'] } },
];

export const createSettingsStore = (db: Database.Database, role: () => string, profileName: () => string) => {
  const write = (key: string, value: unknown) => db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));

  const userViews = (): SavedView[] => {
    const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(VIEWS_KEY) as string | undefined;
    if (!raw) return [];
    const parsed = SavedView.array().safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  };

  return {
    get: () => readSettings(db),
    update: (patch: Partial<WorkspaceSettings>): WorkspaceSettings => {
      const current = readSettings(db);
      if (patch.approvalThresholdCents !== undefined && patch.approvalThresholdCents !== current.approvalThresholdCents && role() !== 'supervisor') {
        throw new DomainError('FORBIDDEN', `Only a supervisor can change the amount above which payments need a supervisor's approval (now ${formatMoney(current.approvalThresholdCents)}).`);
      }
      const next = { ...current, ...patch };
      write(SETTINGS_KEY, next);
      return next;
    },
    listViews: (): SavedView[] => [...builtInViews(profileName()), ...userViews()],
    saveView: (input: { id?: string; name: string; filters: SavedViewFilters }): SavedView => {
      if (input.id?.startsWith('builtin:')) throw new DomainError('CONFLICT', `"${input.name}" is built in and cannot be changed; save it under a new name.`);
      const views = userViews();
      const sameName = views.find((v) => v.name.toLowerCase() === input.name.toLowerCase() && v.id !== input.id);
      if (sameName || builtInViews('').some((v) => v.name.toLowerCase() === input.name.toLowerCase())) {
        throw new DomainError('CONFLICT', `There is already a view called "${input.name}". Choose another name.`);
      }
      const view: SavedView = { id: input.id ?? uuidv7(), name: input.name, filters: input.filters, builtIn: false };
      const index = views.findIndex((v) => v.id === view.id);
      if (index >= 0) views[index] = view;
      else views.push(view);
      if (views.length > 100) throw new DomainError('TOO_LARGE', 'A workspace keeps up to 100 saved views; remove one first.');
      write(VIEWS_KEY, views);
      return view;
    },
    removeView: (id: string): boolean => {
      if (id.startsWith('builtin:')) throw new DomainError('CONFLICT', 'Built-in views cannot be removed.');
      const views = userViews();
      const next = views.filter((v) => v.id !== id);
      if (next.length === views.length) throw new DomainError('NOT_FOUND', 'That saved view no longer exists.');
      write(VIEWS_KEY, next);
      return true;
    },
  };
};
export type SettingsStore = ReturnType<typeof createSettingsStore>;
