import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { api, startShell, type RunningShell } from '../helpers/shell.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';

const rawGet = (port: number, path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });

const openSocket = (url: string, headers: Record<string, string> = {}) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });

describe('browser shell gateway', () => {
  let shell: RunningShell;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    shell = await startShell(dir);
  });
  afterAll(async () => {
    await shell?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback only and prints a token that is long and random', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses every request without the token', async () => {
    expect((await fetch(`${shell.origin}/`)).status).toBe(401);
    expect((await fetch(`${shell.origin}/index.html`)).status).toBe(401);
    expect((await api(shell, 'cases.list', {}, 'wrong-token')).status).toBe(401);
    const noToken = await fetch(`${shell.origin}/api/cases.list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const r = await rawGet(shell.port, `/?token=${shell.token}`, { Host: `evil.example:${shell.port}` });
    expect(r.status).toBe(421);
  });

  it('trades the token in the address for an HttpOnly cookie and sends a strict CSP', async () => {
    const r = await rawGet(shell.port, `/?token=${shell.token}`, { Host: `127.0.0.1:${shell.port}` });
    expect(r.status).toBe(303);
    expect(String(r.headers['set-cookie'])).toMatch(/casebench_token=.*HttpOnly; SameSite=Strict/);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${shell.port}`);
  });

  it('refuses unknown calls and invalid input with stable codes', async () => {
    const unknown = await api(shell, 'cases.dropEverything', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('UNKNOWN_CALL');
    const wrongType = await api(shell, 'cases.list', { limit: 'many' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error?.code).toBe('INVALID_INPUT');
    expect(wrongType.body.error?.message).toContain('limit');
    const oversize = await api(shell, 'notes.add', { caseId: 'x', text: 'y'.repeat(20_001) });
    expect(oversize.body.error?.code).toBe('INVALID_INPUT');
    expect(oversize.body.error?.message).toContain('at most 20000 characters');
    const huge = await fetch(`${shell.origin}/api/notes.add`, { method: 'POST', headers: { Authorization: `Bearer ${shell.token}` }, body: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('creates a claim, refuses an illegal transition in plain words, and lists it', async () => {
    const created = await api(shell, 'claims.create', claimDraft({ claimNumber: 'GW-1' }));
    expect(created.body.ok).toBe(true);
    const id = (created.body.value as { id: string }).id;
    const illegal = await api(shell, 'cases.transition', { id, to: 'payment', reason: 'skip ahead' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(illegal.body.error?.message).toBe('A case in Intake cannot move to Payment. From Intake it can go to: Investigation, Denied, Referred to SIU.');
    const noReason = await api(shell, 'cases.transition', { id, to: 'investigation', reason: '' });
    expect(noReason.body.error?.code).toBe('INVALID_INPUT');
    const list = await api(shell, 'cases.list', { search: 'AB12 CDE' });
    expect((list.body.value as { total: number; rows: { number: string }[] }).rows.map((r) => r.number)).toEqual(['GW-1']);
  });

  it('serves the contract over an authorised WebSocket and pushes case changes', async () => {
    await expect(openSocket(`ws://127.0.0.1:${shell.port}/ws`)).rejects.toThrow(/401/);
    await expect(openSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/401/);
    const socket = await openSocket(`ws://127.0.0.1:${shell.port}/ws`, { Cookie: `casebench_token=${shell.token}`, Origin: shell.origin });
    const messages: { type: string; id?: number; name?: string; result?: { ok: boolean; value?: unknown; error?: { code: string } } }[] = [];
    socket.on('message', (d) => messages.push(JSON.parse(d.toString())));
    socket.send(JSON.stringify({ type: 'call', id: 1, name: 'claims.create', input: claimDraft({ claimNumber: 'WS-1' }) }));
    socket.send(JSON.stringify({ type: 'call', id: 2, name: 'nope', input: {} }));
    socket.send('not json');
    await expect.poll(() => messages.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    expect(messages.find((m) => m.id === 1)?.result?.ok).toBe(true);
    expect(messages.find((m) => m.id === 2)?.result?.error?.code).toBe('UNKNOWN_CALL');
    expect(messages.find((m) => m.id === -1)?.result?.error?.code).toBe('INVALID_INPUT');
    expect(messages.find((m) => m.type === 'event')?.name).toBe('case.changed');
    socket.close();
  });
});
