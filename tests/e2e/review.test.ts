import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRow } from '../../common/contract.ts';
import { eventually, expectNoSeriousA11yViolations, launchBrowser, openApp, problemsOf, screenshot, startCasebench, type Casebench } from './fixtures.ts';

// Working one claim: edit a field and see it in the timeline, notes and tasks, parties, the workflow
// with reasons, refusals in words, and the supervisor approval step. One workspace, tests in order.

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

describe('case review', () => {
  let app: Casebench;
  let browser: Browser;
  let page: Page;
  let claim: CaseRow;

  const panel = () => page.getByRole('complementary', { name: claim.number });
  const status = () => panel().locator('.detail-header .status-badge').innerText();
  const tab = (name: RegExp) => panel().getByRole('tab', { name });
  const timeline = () => panel().getByRole('list', { name: 'Case timeline' });
  const workflow = () => panel().getByRole('group', { name: 'Workflow' });

  /** Moves the open claim with the action's button, giving a reason in its dialog. */
  const move = async (action: string, to: string, reason: string) => {
    await workflow().getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `${action}: ${claim.number}` });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(status).toBe(to);
  };

  beforeAll(async () => {
    app = await startCasebench();
    browser = await launchBrowser();
    await app.api('demo.create', {});
    await app.api('profile.update', { name: 'Dana Reyes', role: 'adjuster' });
    // A claim still at intake, claiming more than the $10,000.00 a supervisor must approve.
    const intake = await app.api('cases.list', { kind: 'claim', status: ['intake'], amountMinCents: 1_000_100, limit: 1 });
    claim = intake.rows[0];
    expect(claim).toBeDefined();
    page = await openApp(browser, app);
    await page.getByRole('table', { name: 'Cases' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens a claim found by its number', async () => {
    await page.getByRole('searchbox', { name: 'Search cases' }).fill(claim.number);
    const row = page.getByRole('table', { name: 'Cases' }).getByRole('row').filter({ hasText: claim.number });
    await eventually(() => page.locator('.queue-count').innerText()).toBe('1 case');
    await row.click();
    await panel().waitFor();
    expect(await status()).toBe('Intake');
    expect(await panel().locator('.detail-facts').innerText()).toContain(usd(claim.amountCents!));
    await screenshot(page, 'case-details');
    await expectNoSeriousA11yViolations(page);
  });

  it('edits the amount inline, refuses a bad entry as it is typed, and shows the change in the timeline', async () => {
    await panel().getByRole('button', { name: 'Edit Amount claimed' }).click();
    const input = panel().getByRole('textbox', { name: 'Amount claimed' });
    await input.fill('12.345');
    const error = panel().getByRole('alert').filter({ hasText: 'Amount claimed must be an amount in dollars' });
    await error.waitFor();
    expect(await panel().getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await screenshot(page, 'edit-invalid');

    await input.fill('14,500.00');
    await error.waitFor({ state: 'detached' });
    await panel().getByRole('button', { name: 'Save' }).click();
    await eventually(() => panel().locator('.detail-facts').innerText()).toContain('$14,500.00');

    await tab(/Timeline/).click();
    const change = timeline().getByRole('listitem').filter({ hasText: 'Details changed' }).first();
    await change.waitFor();
    expect(await change.innerText()).toContain(`Amount claimed: ${usd(claim.amountCents!)} → $14,500.00`);
    expect(await change.innerText()).toContain('Dana Reyes · Adjuster · device');
    // The edit is an event in core's log, not only on screen.
    const events = await app.api('cases.timeline', { id: claim.id });
    expect(events.at(-1)).toMatchObject({ type: 'case.fieldsChanged', payload: { changes: { amountClaimedCents: 1_450_000 }, previous: { amountClaimedCents: claim.amountCents } } });
    await screenshot(page, 'timeline-change');
  });

  it('adds a note and a task, and completes the task', async () => {
    await tab(/Notes & tasks/).click();
    await panel().getByRole('textbox', { name: 'New note' }).fill('Called the repair shop; invoice requested.');
    await panel().getByRole('button', { name: 'Add note' }).click();
    await panel().getByRole('list', { name: 'Notes' }).getByText('Called the repair shop; invoice requested.').waitFor();

    await panel().getByRole('textbox', { name: 'New task' }).fill('Check invoice against estimate');
    await panel().getByRole('button', { name: 'Add task' }).click();
    const task = panel().getByRole('checkbox', { name: 'Check invoice against estimate' });
    await task.waitFor();
    await task.check();
    await eventually(() => task.isDisabled()).toBe(true);
    const record = await app.api('cases.get', { id: claim.id });
    expect(record.tasks.find((t) => t.title === 'Check invoice against estimate')?.done).toBe(true);
    await screenshot(page, 'notes-tasks');
  });

  it('adds a witness, refuses a vehicle with a wrong VIN, and removes the witness with a reason', async () => {
    await tab(/Parties/).click();
    const form = panel().getByRole('form', { name: 'Add a party' });
    await form.getByRole('textbox', { name: 'Name' }).fill('');
    await form.getByRole('button', { name: 'Add party' }).click();
    await form.getByRole('alert').filter({ hasText: 'Name is required.' }).waitFor();
    await form.getByRole('textbox', { name: 'Name' }).fill('Ruth Osei');
    await form.getByRole('textbox', { name: 'Phone' }).fill('+1 555 010 2020');
    await form.getByRole('button', { name: 'Add party' }).click();
    await panel().getByRole('list', { name: 'Parties' }).getByText('Ruth Osei').waitFor();

    await tab(/Vehicles/).click();
    const vehicle = panel().getByRole('form', { name: 'Add a vehicle' });
    await vehicle.getByRole('textbox', { name: 'VIN' }).fill('NOT-A-VIN');
    await vehicle.getByRole('button', { name: 'Add vehicle' }).click();
    await vehicle.getByRole('alert').filter({ hasText: 'VIN must be 17 letters and digits (no I, O or Q).' }).waitFor();

    await tab(/Parties/).click();
    await panel().getByRole('button', { name: 'Remove Ruth Osei' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove Ruth Osei from ${claim.number}` });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Added to the wrong claim.');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => panel().getByRole('list', { name: 'Parties' }).getByText('Ruth Osei').count()).toBe(0);
  });

  it('moves the claim through its workflow with a reason for each step, and offers only legal moves', async () => {
    // Intake offers exactly the moves the state machine allows from Intake.
    expect(await workflow().getByRole('button').allInnerTexts()).toEqual(['Move to Investigation', 'Deny', 'Refer to SIU', 'Reassign…']);

    await workflow().getByRole('button', { name: 'Move to Investigation' }).click();
    const dialog = page.getByRole('dialog', { name: `Move to Investigation: ${claim.number}` });
    await dialog.waitFor();
    // The dialog holds focus: the reason box has it, and Tab does not leave the dialog.
    expect(await dialog.getByRole('textbox', { name: 'Reason' }).evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await dialog.getByRole('button', { name: 'Move to Investigation' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Give a reason' }).waitFor();
    await screenshot(page, 'transition-dialog');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Coverage confirmed with the insurer.');
    await dialog.getByRole('button', { name: 'Move to Investigation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(status).toBe('Investigation');

    await move('Move to Assessment', 'Assessment', 'Photos and statements received.');
    await move('Move to Approval', 'Approval', 'Estimate matches the damage.');

    await tab(/Timeline/).click();
    const step = timeline().getByRole('listitem').filter({ hasText: 'Assessment → Approval' });
    expect(await step.innerText()).toContain('Assessment → Approval: Estimate matches the damage.');
    expect(await step.innerText()).toContain('Dana Reyes · Adjuster');
  });

  it('refuses an illegal move in plain words, from core and from a screen that fell behind', async () => {
    // The screen never offers Approval → Closed; core refuses it when asked directly.
    expect(await workflow().getByRole('button', { name: 'Close case' }).count()).toBe(0);
    await expect(app.api('cases.transition', { id: claim.id, to: 'closed', reason: 'Done.' })).rejects.toThrow(
      'A case in Approval cannot move to Closed. From Approval it can go to: Payment, Assessment, Denied, Referred to SIU.',
    );

    // Another window moves the claim while this one has the dialog open: core's refusal is shown there.
    await workflow().getByRole('button', { name: 'Move to Assessment' }).click();
    const dialog = page.getByRole('dialog', { name: `Move to Assessment: ${claim.number}` });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Need a second estimate.');
    await app.api('cases.transition', { id: claim.id, to: 'assessment', reason: 'Second estimate requested by phone.' });
    await dialog.getByRole('button', { name: 'Move to Assessment' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The case is already in Assessment.' }).waitFor();
    await screenshot(page, 'transition-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(status).toBe('Assessment');
    await move('Move to Approval', 'Approval', 'Second estimate agrees.');
  });

  it('needs a supervisor to approve a payment over $10,000.00', async () => {
    const approve = workflow().getByRole('button', { name: 'Approve for payment' });
    expect(await approve.isDisabled()).toBe(true);
    const note = workflow().getByRole('note');
    expect(await note.innerText()).toBe(`Payments over $10,000.00 need a supervisor's approval. ${claim.number} claims $14,500.00, so a supervisor has to move it to Payment.`);
    await screenshot(page, 'supervisor-needed');
    await expectNoSeriousA11yViolations(page);
    await expect(app.api('cases.transition', { id: claim.id, to: 'payment', reason: 'Approved.' })).rejects.toThrow("need a supervisor's approval");

    // The local profile is changed in the app; the supervisor may approve.
    await page.getByRole('button', { name: /Working as Dana Reyes/ }).click();
    const profile = page.getByRole('dialog', { name: 'Your profile' });
    await profile.getByRole('textbox', { name: 'Name' }).fill('Grace Odum');
    await profile.getByRole('combobox', { name: 'Role' }).selectOption('supervisor');
    await screenshot(page, 'profile-dialog');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.waitFor({ state: 'detached' });
    await eventually(() => page.locator('.profile-role').innerText()).toBe('Supervisor');

    await eventually(() => approve.isDisabled()).toBe(false);
    expect(await workflow().getByRole('note').count()).toBe(0);
    await move('Approve for payment', 'Payment', 'Approved: amount within the insured value.');
    await tab(/Timeline/).click();
    const step = timeline().getByRole('listitem').filter({ hasText: 'Approval → Payment' });
    expect(await step.innerText()).toContain('Grace Odum · Supervisor');
    await screenshot(page, 'paid-by-supervisor');
  });

  it('assigns the claim and refers another to SIU', async () => {
    await workflow().getByRole('button', { name: 'Reassign…' }).click();
    const dialog = page.getByRole('dialog', { name: `Assign ${claim.number}` });
    await dialog.getByRole('button', { name: 'Assign to me' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => panel().locator('.detail-facts').innerText()).toContain('Grace Odum');

    const [other] = (await app.api('cases.list', { kind: 'claim', status: ['investigation'], limit: 1 })).rows;
    await page.getByRole('searchbox', { name: 'Search cases' }).fill(other.number);
    await eventually(() => page.locator('.queue-count').innerText()).toBe('1 case');
    // The open panel covers the right of the queue; the case number stays in view to click.
    await page.getByRole('table', { name: 'Cases' }).getByRole('button', { name: other.number }).click();
    claim = other;
    await panel().waitFor();
    await move('Refer to SIU', 'Referred to SIU', 'Claimant phone matches two other open claims.');
    expect((await app.api('cases.get', { id: other.id })).case.status).toBe('referred_siu');
    expect(problemsOf(page)).toEqual([]);
  });
});
