import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../core/api/dispatch.ts';
import { createHandlers } from '../../core/api/handlers.ts';
import { claimDraft, withWorkspace } from '../helpers/workspace.ts';

// The supervisor approval step: paying a claim above the workspace's threshold takes a supervisor,
// checked in core whatever the screen offered. Driven through the call boundary, as the app calls it.

const setup = () => {
  const w = withWorkspace();
  const dispatch = createDispatcher(createHandlers(w.ws));
  const callOk = async (name: string, input: unknown) => {
    const result = await dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  /** A claim walked to Approval by an adjuster. */
  const claimInApproval = async (amountClaimedCents: number) => {
    const { id } = w.ws.cases.createClaim(claimDraft({ amountClaimedCents }));
    for (const to of ['investigation', 'assessment', 'approval'] as const) await callOk('cases.transition', { id, to, reason: `To ${to}.` });
    return id;
  };
  return { ...w, dispatch, callOk, claimInApproval };
};

describe('supervisor approval for large payments', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('refuses an adjuster paying a claim over the default $10,000.00, in words naming the threshold', async () => {
    const t = setup();
    cleanup = t.cleanup;
    await t.callOk('profile.update', { name: 'Dana Reyes', role: 'adjuster' });
    const id = await t.claimInApproval(1_250_000);

    const refused = await t.dispatch('cases.transition', { id, to: 'payment', reason: 'Approved.' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('FORBIDDEN');
    expect(refused.error.message).toMatch(/^Payments over \$10,000\.00 need a supervisor's approval\. CLM-\d{4}-\d{6} claims \$12,500\.00/);
    // Nothing was written: the claim is still waiting for approval.
    expect(((await t.callOk('cases.get', { id })).case as { status: string }).status).toBe('approval');

    // The case record tells the screen the move is blocked and why, before anyone tries.
    const record = await t.callOk('cases.get', { id });
    expect(record.allowedTransitions).toContain('payment');
    expect(record.blockedTransitions).toEqual([{ to: 'payment', reason: refused.error.message }]);
  });

  it('lets a supervisor make the same move, and records the supervisor as the actor', async () => {
    const t = setup();
    cleanup = t.cleanup;
    const id = await t.claimInApproval(1_250_000);
    await t.callOk('profile.update', { name: 'Ellen Kowalczyk', role: 'supervisor' });
    expect((await t.callOk('cases.get', { id })).blockedTransitions).toEqual([]);

    await t.callOk('cases.transition', { id, to: 'payment', reason: 'Approved by supervisor.' });
    const last = t.ws.queries.timeline(id).at(-1)!;
    expect(last).toMatchObject({ type: 'case.transitioned', actor: 'Ellen Kowalczyk', actorRole: 'supervisor', payload: { from: 'approval', to: 'payment' } });
  });

  it('lets an adjuster pay a claim at or under the threshold', async () => {
    const t = setup();
    cleanup = t.cleanup;
    const atThreshold = await t.claimInApproval(1_000_000);
    await t.callOk('cases.transition', { id: atThreshold, to: 'payment', reason: 'Approved.' });
    expect(((await t.callOk('cases.get', { id: atThreshold })).case as { status: string }).status).toBe('payment');
  });

  it('follows a configured threshold, which only a supervisor may change', async () => {
    const t = setup();
    cleanup = t.cleanup;
    const id = await t.claimInApproval(300_000);
    const lower = await t.dispatch('settings.update', { approvalThresholdCents: 250_000 });
    expect(lower.ok).toBe(false);
    if (!lower.ok) expect(lower.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Only a supervisor can change') });
    expect((await t.callOk('settings.get', {})).approvalThresholdCents).toBe(1_000_000);

    await t.callOk('profile.update', { name: 'Ellen Kowalczyk', role: 'supervisor' });
    await t.callOk('settings.update', { approvalThresholdCents: 250_000 });
    await t.callOk('profile.update', { name: 'Dana Reyes', role: 'adjuster' });

    const refused = await t.dispatch('cases.transition', { id, to: 'payment', reason: 'Approved.' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('Payments over $2,500.00');
  });

  it('still refuses an illegal move first, as an illegal move', async () => {
    const t = setup();
    cleanup = t.cleanup;
    const { id } = t.ws.cases.createClaim(claimDraft({ amountClaimedCents: 5_000_000 }));
    const refused = await t.dispatch('cases.transition', { id, to: 'payment', reason: 'Skip ahead.' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('ILLEGAL_TRANSITION');
      expect(refused.error.message).toBe('A case in Intake cannot move to Payment. From Intake it can go to: Investigation, Denied, Referred to SIU.');
    }
  });
});

describe('saved views and settings', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('has the built-in views, keeps saved ones, and refuses a duplicate name', async () => {
    const t = setup();
    cleanup = t.cleanup;
    await t.callOk('profile.update', { name: 'Dana Reyes', role: 'adjuster' });
    const builtIn = (await t.dispatch('views.list', {})) as { ok: true; value: { name: string; filters: { assignee?: string } }[] };
    expect(builtIn.value.map((v) => v.name)).toEqual(['My open claims', 'Referred to SIU']);
    expect(builtIn.value[0].filters.assignee).toBe('Dana Reyes');

    const saved = await t.callOk('views.save', { name: 'Big claims', filters: { kind: 'claim', amountMinCents: 2_000_000, sort: 'amount', direction: 'desc' } });
    const dup = await t.dispatch('views.save', { name: 'big claims', filters: {} });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.message).toBe('There is already a view called "big claims". Choose another name.');
    const listed = (await t.dispatch('views.list', {})) as { ok: true; value: { name: string }[] };
    expect(listed.value.map((v) => v.name)).toEqual(['My open claims', 'Referred to SIU', 'Big claims']);

    await t.callOk('views.remove', { id: saved.id });
    const after = (await t.dispatch('views.list', {})) as { ok: true; value: { name: string }[] };
    expect(after.value.map((v) => v.name)).toEqual(['My open claims', 'Referred to SIU']);

    await t.callOk('settings.update', { queueColumns: ['number', 'status'] });
    expect(await t.callOk('settings.get', {})).toEqual({ approvalThresholdCents: 1_000_000, queueColumns: ['number', 'status'] });
  });

  it('runs the demo workspace as a job that reports progress and can be cancelled', async () => {
    const t = setup();
    cleanup = t.cleanup;
    const progress: { done: number; total: number; state?: string }[] = [];
    t.ws.subscribe((name, body) => name === 'job.progress' && progress.push(body as { done: number; total: number; state?: string }));
    const { jobId } = await t.callOk('demo.start', { claims: 1200, policeCases: 5 });
    const job = await t.ws.jobs.wait(jobId as string);
    expect(job).toMatchObject({ state: 'done', result: { claims: 1200, policeCases: 5 } });
    expect(progress.filter((p) => p.state === 'running').length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatchObject({ state: 'done', done: 1205, total: 1205 });

    // A second, larger demo in a workspace of its own, cancelled after its first progress report.
    const u = setup();
    const first = cleanup;
    cleanup = () => {
      first();
      u.cleanup();
    };
    const second = await u.callOk('demo.start', { seed: 2, claims: 20_000, policeCases: 0 });
    await new Promise<void>((resolve) => {
      const stop = u.ws.subscribe((name, body) => {
        if (name === 'job.progress' && (body as { jobId: string }).jobId === second.jobId) {
          stop();
          resolve();
        }
      });
    });
    await u.callOk('jobs.cancel', { id: second.jobId });
    const cancelled = await u.ws.jobs.wait(second.jobId as string);
    expect(cancelled.state).toBe('cancelled');
    const written = u.ws.queries.counts().cases;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(20_000);
  });
});
