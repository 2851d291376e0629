import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClaimDraft } from '../../common/domain/case.ts';
import { openWorkspace, type Workspace } from '../../core/workspace.ts';

export const tempDir = (prefix = 'casebench-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A real workspace (SQLite file, device key) in a fresh temp folder. */
export const withWorkspace = (): { ws: Workspace; dir: string; cleanup: () => void } => {
  const dir = tempDir();
  const ws = openWorkspace(dir);
  return {
    ws,
    dir,
    cleanup: () => {
      try {
        ws.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const claimDraft = (overrides: Partial<ClaimDraft> = {}): ClaimDraft => ({
  policy: { number: 'POL-10000001', type: 'collision', inceptionDate: '2024-01-15', insuredValueCents: 2_500_000, deductibleCents: 50_000 },
  parties: [{ role: 'claimant', name: 'Olivia Garcia', phone: '+1 555 201 3344', email: 'olivia@example.com', address: '12 Oak Street, Springfield' }],
  vehicles: [{ vin: '1HGCM82633A004352', plate: 'AB12 CDE', make: 'Honda', model: 'Accord', year: 2019 }],
  incident: {
    occurredAt: '2026-03-02T17:40',
    place: 'Harbour Road, Kingsport',
    description: 'Rear-ended at a red light.',
    policeReportFiled: true,
    policeReportNumber: 'PR-1234567',
    witnessesPresent: false,
    fault: 'third_party',
  },
  amountClaimedCents: 482_050,
  repairShop: 'Northside Collision',
  assignee: 'Dana Reyes',
  ...overrides,
});

/** Temp folders for one test file, each removed after the test that made it. */
export const freshDirs = (): (() => string) => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
};
