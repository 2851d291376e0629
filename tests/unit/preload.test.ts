import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, events } from '../../common/contract.ts';
import { CALL_NAMES, EVENT_NAMES, type CasebenchApi } from '../../common/names.ts';

type IpcListener = (event: { ports: FakePort[] }, ...args: unknown[]) => void;

// A stand-in for the DOM MessagePort preload receives: records what preload posts and lets the test play core.
class FakePort {
  readonly posted: unknown[] = [];
  started = false;
  closed = false;
  private readonly listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage(message: unknown) {
    if (this.closed) throw new Error('port closed');
    this.posted.push(structuredClone(message));
  }
  start() {
    this.started = true;
  }
  close() {
    this.closed = true;
  }
  /** Core sends a message to preload. */
  deliver(data: unknown) {
    for (const listener of this.listeners.get('message') ?? []) listener({ data });
  }
  /** Core's end went away (core exited). */
  remoteClosed() {
    for (const listener of this.listeners.get('close') ?? []) listener({});
  }
}

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const ipcListeners = new Map<string, IpcListener[]>();
  const ipcRenderer = {
    on(channel: string, listener: IpcListener) {
      ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener: () => ipcRenderer,
    send: () => undefined,
    invoke: async () => undefined,
  };
  return {
    exposed,
    ipcListeners,
    ipcRenderer,
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer, webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' } }));

const emitIpc = (channel: string, event: { ports: FakePort[] }, ...args: unknown[]) => {
  for (const listener of electron.ipcListeners.get(channel) ?? []) listener(event, ...args);
};
const givePort = (port: FakePort) => emitIpc('casebench:core-port', { ports: [port] });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let api: CasebenchApi;
// Lets tests pass names the contract does not have, as a page script could.
let untyped: { call(name: string, input: unknown): Promise<unknown>; on(name: string, cb: (b: unknown) => void): () => void };

beforeEach(async () => {
  for (const key of Object.keys(electron.exposed)) delete electron.exposed[key];
  electron.ipcListeners.clear();
  vi.resetModules();
  await import('../../preload/index.ts');
  api = electron.exposed.casebench as CasebenchApi;
  untyped = electron.exposed.casebench as typeof untyped;
});

describe('what preload exposes', () => {
  it('exposes exactly one key, casebench, holding only call, on and onCommand functions', () => {
    expect(Object.keys(electron.exposed)).toEqual(['casebench']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on', 'onCommand', 'pathForFile']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    for (const forbidden of ['ipcRenderer', 'require', 'process', 'send', 'invoke', 'port']) expect(api).not.toHaveProperty(forbidden);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('listens only on its two channels', () => {
    expect([...electron.ipcListeners.keys()].sort()).toEqual(['casebench:command', 'casebench:core-port']);
  });
});

describe('calls', () => {
  it('refuses a name outside the contract without touching the port', async () => {
    const port = new FakePort();
    givePort(port);
    await expect(untyped.call('fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    await expect(untyped.call('constructor', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(port.posted).toEqual([]);
  });

  it('posts a known call on the port and resolves it with the matching reply', async () => {
    const port = new FakePort();
    givePort(port);
    expect(port.started).toBe(true);
    const first = api.call('cases.get', { id: 'case-1' });
    const second = api.call('profile.get', {});
    expect(port.posted).toHaveLength(2);
    const [a, b] = port.posted as { type: string; id: number; name: string; input: unknown }[];
    expect(a).toMatchObject({ type: 'call', name: 'cases.get', input: { id: 'case-1' } });
    expect(b).toMatchObject({ type: 'call', name: 'profile.get', input: {} });
    expect(a.id).not.toBe(b.id);

    // Replies may arrive out of order; each resolves its own call.
    port.deliver({ type: 'reply', id: b.id, result: { ok: true, value: { name: 'Ana', role: 'adjuster' } } });
    port.deliver({ type: 'reply', id: a.id, result: { ok: false, error: { code: 'NOT_FOUND', message: 'No case case-1' } } });
    await expect(second).resolves.toEqual({ ok: true, value: { name: 'Ana', role: 'adjuster' } });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No case case-1' } });
  });

  it('queues calls made before the port arrives and sends them when it does', async () => {
    const result = api.call('app.info', {});
    const port = new FakePort();
    givePort(port);
    expect(port.posted).toEqual([expect.objectContaining({ type: 'call', name: 'app.info' })]);
    const { id } = port.posted[0] as { id: number };
    port.deliver({ type: 'reply', id, result: { ok: true, value: 'ready' } });
    await expect(result).resolves.toEqual({ ok: true, value: 'ready' });
  });

  it('when core goes away, pending calls fail with a readable message and later calls wait for the new port', async () => {
    const oldPort = new FakePort();
    givePort(oldPort);
    const inFlight = api.call('audit.verify', {});
    oldPort.remoteClosed();
    await expect(inFlight).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Core restarted; try again' } });

    const later = api.call('profile.get', {});
    await flush();
    expect(oldPort.posted).toHaveLength(1);
    const newPort = new FakePort();
    givePort(newPort);
    expect(newPort.posted).toEqual([expect.objectContaining({ name: 'profile.get' })]);
    newPort.deliver({ type: 'reply', id: (newPort.posted[0] as { id: number }).id, result: { ok: true, value: 1 } });
    await expect(later).resolves.toEqual({ ok: true, value: 1 });
    // A stale reply on the dead port is ignored.
    oldPort.deliver({ type: 'reply', id: (oldPort.posted[0] as { id: number }).id, result: { ok: true, value: 'late' } });
  });

  it('a replacement port fails the calls still waiting on the old one', async () => {
    const oldPort = new FakePort();
    givePort(oldPort);
    const inFlight = api.call('cases.list', {});
    givePort(new FakePort());
    expect(oldPort.closed).toBe(true);
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('input that cannot cross to core resolves INVALID_INPUT instead of throwing', async () => {
    givePort(new FakePort());
    await expect(untyped.call('notes.add', { caseId: 'c', text: () => 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a malformed reply resolves INTERNAL rather than handing the page garbage', async () => {
    const port = new FakePort();
    givePort(port);
    const result = api.call('profile.get', {});
    port.deliver({ type: 'reply', id: (port.posted[0] as { id: number }).id, result: 'surprise' });
    await expect(result).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('events', () => {
  it('delivers declared events to their subscribers until they unsubscribe', () => {
    const port = new FakePort();
    givePort(port);
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const stop = api.on('case.changed', (body) => changed.push(body));
    api.on('job.progress', (body) => progress.push(body));

    port.deliver({ type: 'event', name: 'case.changed', body: { caseIds: ['a'], reason: 'note added' } });
    port.deliver({ type: 'event', name: 'job.progress', body: { jobId: 'j', label: 'Import', done: 1, total: 2 } });
    stop();
    port.deliver({ type: 'event', name: 'case.changed', body: { caseIds: ['b'], reason: 'edited' } });

    expect(changed).toEqual([{ caseIds: ['a'], reason: 'note added' }]);
    expect(progress).toEqual([{ jobId: 'j', label: 'Import', done: 1, total: 2 }]);
  });

  it('refuses to subscribe to undeclared names and never delivers them', () => {
    const port = new FakePort();
    givePort(port);
    expect(() => untyped.on('secret.leak', () => undefined)).toThrow(/no event named/);
    const heard: unknown[] = [];
    api.on('case.changed', (body) => heard.push(body));
    port.deliver({ type: 'event', name: 'secret.leak', body: 1 });
    port.deliver({ type: 'event', name: '__proto__', body: 2 });
    expect(heard).toEqual([]);
  });

  it('one throwing subscriber does not stop the others', () => {
    const port = new FakePort();
    givePort(port);
    const heard: unknown[] = [];
    api.on('case.changed', () => {
      throw new Error('broken subscriber');
    });
    api.on('case.changed', (body) => heard.push(body));
    port.deliver({ type: 'event', name: 'case.changed', body: { caseIds: [], reason: 'x' } });
    expect(heard).toHaveLength(1);
  });
});

describe('menu commands', () => {
  it('passes known menu commands to the page, without the IPC event, and drops unknown ones', () => {
    const heard: unknown[][] = [];
    const stop = api.onCommand((...args: unknown[]) => heard.push(args));
    emitIpc('casebench:command', { ports: [] }, 'claims.new');
    emitIpc('casebench:command', { ports: [] }, 'shell.exec');
    stop();
    emitIpc('casebench:command', { ports: [] }, 'help.shortcuts');
    expect(heard).toEqual([['claims.new']]);
  });
});

describe('name lists', () => {
  it('equal the keys of the contract and its events', () => {
    expect([...CALL_NAMES]).toEqual(Object.keys(contract));
    expect([...EVENT_NAMES]).toEqual(Object.keys(events));
  });
});
