import type { FindingView } from '../../common/calls/evidence.ts';
import { UNFILED } from '../evidence/service.ts';
import type { Workspace } from '../workspace.ts';

// `casebench analyze FILE... [--case ID] [--json]`: adds the files (to the case, or unfiled) and runs every
// applicable analyzer. Exit 0 when analysis ran, whatever it found; 2 for usage errors (unknown case, or
// not one of the files could be read).

type Io = { caseRef?: string; json: boolean; out: (s: string) => void; fail: (s: string) => void };

const MARK: Record<FindingView['severity'], string> = { alert: 'ALERT', warning: 'warning', error: 'error', info: 'info' };

export const analyzeFiles = async (ws: Workspace, files: string[], io: Io): Promise<number> => {
  let caseId = UNFILED;
  if (io.caseRef) {
    const found = ws.db.prepare('SELECT id FROM cases WHERE id = ? OR number = ?').pluck().get(io.caseRef, io.caseRef) as string | undefined;
    if (!found) {
      io.fail(`there is no case "${io.caseRef}" (give its id or number).`);
      return 2;
    }
    caseId = found;
  }
  const intake = await ws.evidence.ingest(caseId, files, 'cli');
  const analysed = intake.items.filter((i) => i.ok && i.evidenceId);
  let job = null;
  if (analysed.length > 0) {
    const jobId = ws.analysis.start({ evidenceIds: [...new Set(analysed.map((i) => i.evidenceId!))] });
    job = await ws.jobs.wait(jobId, 50);
  }
  const report = intake.items.map((i) => ({ ...i, findings: i.ok && i.evidenceId ? ws.analysis.findings(i.evidenceId) : [] }));
  if (io.json) {
    io.out(JSON.stringify({ caseId: caseId || null, job: job ? { id: job.id, state: job.state, error: job.error } : null, files: report }));
  } else {
    for (const r of report) {
      if (!r.ok) {
        io.out(`${r.path}\n  not analysed: ${r.error}`);
        continue;
      }
      io.out(`${r.path}  (${r.mediaType}, sha256 ${r.sha256})${r.duplicate ? ' (already in this case)' : ''}`);
      const order = { alert: 0, warning: 1, error: 2, info: 3 } as const;
      for (const f of [...r.findings].sort((a, b) => order[a.severity] - order[b.severity])) {
        io.out(`  [${MARK[f.severity]}] ${f.analyzerId} ${f.analyzerVersion}: ${f.label}${f.score !== undefined ? ` (score ${f.score.toFixed(2)})` : ''}\n      ${f.explanation}`);
      }
    }
    if (job && job.state !== 'done') io.out(`Analysis ${job.state}${job.error ? `: ${job.error}` : ''}.`);
  }
  if (analysed.length === 0) {
    io.fail('none of the files could be added, so nothing was analysed.');
    return 2;
  }
  return 0;
};
