import type { CallInput, CallName, CallOutput, EventBody, EventName } from './contract.ts';
import type { Result } from './result.ts';

// The contract's names as plain strings, so the sandboxed preload can check them without bundling zod.
// A unit test proves these lists equal the keys of `contract` and `events`.

export const CALL_NAMES: readonly CallName[] = [
  'app.info',
  'profile.get',
  'profile.update',
  'cases.list',
  'cases.get',
  'cases.timeline',
  'cases.update',
  'cases.transition',
  'cases.addParty',
  'cases.removeParty',
  'cases.addVehicle',
  'cases.removeVehicle',
  'cases.linkClaim',
  'claims.create',
  'policeCases.create',
  'notes.add',
  'tasks.add',
  'tasks.complete',
  'demo.create',
  'demo.start',
  'settings.get',
  'settings.update',
  'views.list',
  'views.save',
  'views.remove',
  'audit.verify',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'imports.begin',
  'imports.upload',
  'imports.preview',
  'imports.rejections',
  'imports.start',
  'imports.report',
  'imports.discard',
  'evidence.ingest',
  'evidence.list',
  'evidence.get',
  'evidence.custody',
  'evidence.accessed',
  'evidence.export',
  'evidence.verify',
  'analysis.analyzers',
  'analysis.run',
  'findings.list',
  'evidence.similar',
];

export const EVENT_NAMES: readonly EventName[] = ['case.changed', 'job.progress'];

/** Commands the application menu sends to the focused window on the `casebench:command` channel. */
export const MENU_COMMANDS = ['claims.new', 'demo.create', 'help.shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** IPC channels between main and preload. Calls to core never use them; they travel on the core port. */
export const CORE_PORT_CHANNEL = 'casebench:core-port';
export const COMMAND_CHANNEL = 'casebench:command';

/** The object preload exposes as `window.casebench`. */
export type CasebenchApi = {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  on<K extends EventName>(name: K, listener: (body: EventBody<K>) => void): () => void;
  onCommand(listener: (command: MenuCommand) => void): () => void;
  /** The file's location on disk ('' when it has none), for ingesting evidence where it lies. */
  pathForFile(file: File): string;
};
