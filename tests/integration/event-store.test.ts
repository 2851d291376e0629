import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../core/db/open.ts';
import { verifyAudit } from '../../core/events/verify.ts';
import { claimDraft, withWorkspace } from '../helpers/workspace.ts';
import { runCli } from '../helpers/cli.ts';

const cli = runCli;

describe('event store and audit', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  const seeded = () => {
    const w = withWorkspace();
    cleanup = w.cleanup;
    const a = w.ws.cases.createClaim(claimDraft());
    w.ws.cases.transition(a.id, 'investigation', 'Coverage confirmed.');
    w.ws.cases.update(a.id, { assignee: 'Sam Whitfield', amountClaimedCents: 500_000 });
    w.ws.cases.addNote(a.id, 'Called the claimant.');
    const b = w.ws.cases.createClaim(claimDraft({ claimNumber: 'CLM-X-2' }));
    w.ws.cases.transition(b.id, 'denied', 'Not covered.');
    w.ws.close();
    return { ...w, claimId: a.id };
  };

  const tamper = (dir: string, sql: string) => {
    const db = new Database(join(dir, DB_FILE));
    db.exec(sql);
    db.close();
  };
  const eventIdAt = (dir: string, seq: number) => {
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const id = db.prepare('SELECT id FROM events WHERE seq = ?').pluck().get(seq) as string;
    db.close();
    return id;
  };

  it('keeps the device key private and stamps events with actor and device', () => {
    const { dir } = seeded();
    expect(statSync(join(dir, 'device.key')).mode & 0o777).toBe(0o600);
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const rows = db.prepare('SELECT actor, actor_role, device_id, hlc, batch_head, signature FROM events ORDER BY seq').all() as { actor: string; device_id: string; hlc: string; batch_head: number; signature: string | null }[];
    db.close();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.device_id)).size).toBe(1);
    // every single-command batch is signed, and clock values strictly increase
    expect(rows.every((r) => r.batch_head === 1 && r.signature)).toBe(true);
    expect([...rows.map((r) => r.hlc)].sort()).toEqual(rows.map((r) => r.hlc));
    expect(new Set(rows.map((r) => r.hlc)).size).toBe(rows.length);
  });

  it('passes audit verify on an untouched workspace', () => {
    const { dir } = seeded();
    const r = cli(['audit', 'verify', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Audit passed: 6 events from 1 device(s), 6 signed batches');
    expect(r.out).toContain('reaches its signed head record');
  });

  it.each([
    ['an altered payload', "UPDATE events SET payload = replace(payload, 'Called', 'Emailed') WHERE seq = 4", 4, 'altered'],
    ['an altered actor', "UPDATE events SET actor = 'Someone else' WHERE seq = 2", 2, 'altered'],
    ['a removed event', 'DELETE FROM events WHERE seq = 3', 4, 'removed or reordered'],
    ['an altered signature', "UPDATE events SET signature = (SELECT signature FROM events WHERE seq = 1) WHERE seq = 5", 5, 'signature does not verify'],
    ['a removed signature', 'UPDATE events SET signature = NULL WHERE seq = 3', 3, 'signature is missing'],
    ['a removed last event', 'DELETE FROM events WHERE seq = 6', 6, 'events at the end were removed'],
  ])('names the first bad event after %s', (_label, sql, badSeq, problem) => {
    const { dir } = seeded();
    const expectedId = eventIdAt(dir, badSeq);
    tamper(dir, sql);
    const r = cli(['audit', 'verify', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Audit FAILED at event ${expectedId}`);
    expect(r.out).toContain(problem);
  });

  it('detects two events swapped in storage order', () => {
    const { dir } = seeded();
    const second = eventIdAt(dir, 2);
    tamper(dir, 'UPDATE events SET seq = 100 WHERE seq = 2; UPDATE events SET seq = 2 WHERE seq = 3; UPDATE events SET seq = 3 WHERE seq = 100;');
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const report = verifyAudit(db);
    db.close();
    expect(report.ok).toBe(false);
    expect(report.firstBad?.seq).toBe(2);
    expect(report.firstBad?.eventId).not.toBe(second);
    expect(report.firstBad?.problem).toContain('reordered');
  });

  it('detects a batch head whose unsigned events were cut off', () => {
    const w = withWorkspace();
    cleanup = w.cleanup;
    w.ws.cases.createClaims([claimDraft({ claimNumber: 'A-1' }), claimDraft({ claimNumber: 'A-2' }), claimDraft({ claimNumber: 'A-3' })]);
    w.ws.close();
    const firstId = eventIdAt(w.dir, 1);
    tamper(w.dir, 'DELETE FROM events WHERE seq = 3');
    const db = new Database(join(w.dir, DB_FILE), { readonly: true });
    const report = verifyAudit(db);
    db.close();
    expect(report.ok).toBe(false);
    expect(report.firstBad?.eventId).toBe(firstId);
    expect(report.firstBad?.problem).toContain('no signature covers it');
  });

  it('stores nothing when a batch fails half way', () => {
    const w = withWorkspace();
    cleanup = w.cleanup;
    w.ws.cases.createClaim(claimDraft({ claimNumber: 'DUP-1' }));
    expect(() => w.ws.cases.createClaims([claimDraft({ claimNumber: 'NEW-1' }), claimDraft({ claimNumber: 'DUP-1' })])).toThrow(/already used/);
    expect(w.ws.queries.counts()).toEqual({ cases: 1, events: 1 });
    // the chain continues cleanly after the refused batch
    w.ws.cases.createClaim(claimDraft({ claimNumber: 'NEW-2' }));
    expect(verifyAudit(w.ws.db).ok).toBe(true);
  });
});
