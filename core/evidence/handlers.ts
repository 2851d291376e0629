import type { HandlersFor } from '../api/dispatch.ts';
import type { evidenceCalls } from '../../common/calls/evidence.ts';
import type { Workspace } from '../workspace.ts';

export const createEvidenceHandlers = (ws: Workspace): HandlersFor<keyof typeof evidenceCalls> => ({
  'evidence.ingest': ({ caseId, paths, source }) => ws.evidence.ingest(caseId, paths, source),
  'evidence.list': ({ caseId }) => ws.evidence.list(caseId),
  'evidence.get': ({ id }) => ({ item: ws.evidence.get(id), findings: ws.evidence.findingsOf(id), custody: ws.evidence.custodyOf(id) }),
  'evidence.custody': ({ id }) => ws.evidence.custodyOf(id),
  'evidence.accessed': ({ id, purpose }) => ws.evidence.accessed(id, purpose),
  'evidence.export': ({ id, destination }) => ws.evidence.export(id, destination),
  'evidence.verify': ({ id, caseId }) => ws.evidence.verify(id, caseId),
  'analysis.analyzers': () => ws.analysis.analyzers.map((a) => ({ id: a.id, version: a.version, title: a.title, accepts: [...a.accepts], unavailable: a.unavailable() })),
  'analysis.run': (input) => ({ jobId: ws.analysis.start(input) }),
  'findings.list': ({ evidenceId, caseId }) => {
    if (caseId) ws.cases.get(caseId);
    return ws.analysis.findings(evidenceId, caseId);
  },
  'evidence.similar': ({ id, maxDistance }) => ws.evidence.similar(id, maxDistance),
});
