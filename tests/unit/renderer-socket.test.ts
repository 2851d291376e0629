import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../common/result.ts';
import { CONNECTION_LOST_MESSAGE, NOT_REACHABLE_MESSAGE, createSocketTransport, type SocketLike } from '../../renderer/src/api/socket.ts';

// The browser shell's transport against a fake WebSocket: what a call does when the link is not there
// yet, when it drops mid-call, and how reconnecting backs off.

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { id: number; name: string; input: unknown }[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as { id: number; name: string; input: unknown });
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(id: number, result: Result<unknown>) {
    this.onmessage?.({ data: JSON.stringify({ type: 'reply', id, result }) });
  }
  event(name: string, body: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'event', name, body }) });
  }
}

const setup = (options: { queueTimeoutMs?: number } = {}) => {
  const sockets: FakeSocket[] = [];
  const transport = createSocketTransport({
    url: 'ws://127.0.0.1:1234/ws',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    minDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 1, // no jitter, so delays are exact
    ...options,
  });
  const latest = () => sockets[sockets.length - 1];
  return { transport, sockets, latest };
};

describe('socket transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds calls made before the socket opens and sends them once it does', async () => {
    const { transport, latest } = setup();
    expect(transport.status().state).toBe('connecting');
    const answer = transport.call('cases.list', { limit: 5 });
    expect(latest().sent).toEqual([]);

    latest().open();
    expect(latest().sent).toEqual([{ type: 'call', id: 1, name: 'cases.list', input: { limit: 5 } }]);
    latest().reply(1, { ok: true, value: { total: 0, rows: [] } });
    await expect(answer).resolves.toEqual({ ok: true, value: { total: 0, rows: [] } });
  });

  it('answers each reply to its own call, in any order', async () => {
    const { transport, latest } = setup();
    latest().open();
    const first = transport.call('app.info', {});
    const second = transport.call('profile.get', {});
    latest().reply(2, { ok: true, value: 'second' });
    latest().reply(1, { ok: true, value: 'first' });
    await expect(first).resolves.toEqual({ ok: true, value: 'first' });
    await expect(second).resolves.toEqual({ ok: true, value: 'second' });
  });

  it('answers a call whose socket dropped with a lost-connection error, and sends later calls after reconnecting', async () => {
    const { transport, sockets, latest } = setup();
    latest().open();
    const inFlight = transport.call('demo.create', {});
    latest().drop();

    const lost = await inFlight;
    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.error.message).toBe(CONNECTION_LOST_MESSAGE);
    expect(!lost.ok && lost.error.message).toContain('connection to Casebench was lost');
    expect(transport.status()).toEqual({ state: 'lost', attempts: 1 });

    const waiting = transport.call('cases.list', {});
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(transport.status()).toEqual({ state: 'open', attempts: 0 });
    expect(latest().sent.map((m) => m.name)).toEqual(['cases.list']);
    latest().reply(latest().sent[0].id, { ok: true, value: { total: 1, rows: [] } });
    await expect(waiting).resolves.toEqual({ ok: true, value: { total: 1, rows: [] } });
  });

  it('backs off exponentially between failed attempts, up to the limit', () => {
    const { sockets, latest } = setup();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = sockets.length;
      latest().drop();
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('answers a call that waited too long for a connection with an error in words', async () => {
    const { transport, latest } = setup({ queueTimeoutMs: 5000 });
    latest().drop();
    const waiting = transport.call('cases.list', {});
    await vi.advanceTimersByTimeAsync(5000);
    const result = await waiting;
    expect(!result.ok && result.error.message).toBe(NOT_REACHABLE_MESSAGE);
  });

  it('passes events to their subscribers until they unsubscribe', () => {
    const { transport, latest } = setup();
    latest().open();
    const heard: unknown[] = [];
    const stop = transport.subscribe('case.changed', (body) => heard.push(body));
    latest().event('case.changed', { caseIds: ['a'], reason: 'note.added' });
    latest().event('job.progress', { jobId: 'demo', label: 'x', done: 1, total: 2 });
    stop();
    latest().event('case.changed', { caseIds: ['b'], reason: 'note.added' });
    expect(heard).toEqual([{ caseIds: ['a'], reason: 'note.added' }]);
  });

  it('tells status listeners when the link goes and comes back', () => {
    const { transport, latest } = setup();
    const states: string[] = [];
    transport.onStatus((s) => states.push(s.state));
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(100);
    latest().open();
    expect(states).toEqual(['open', 'lost', 'open']);
  });

  it('ignores messages that are not JSON replies or events', () => {
    const { transport, latest } = setup();
    latest().open();
    const answer = vi.fn();
    void transport.call('app.info', {}).then(answer);
    latest().onmessage?.({ data: 'not json' });
    latest().onmessage?.({ data: JSON.stringify({ type: 'reply', id: 'one' }) });
    expect(answer).not.toHaveBeenCalled();
  });
});
