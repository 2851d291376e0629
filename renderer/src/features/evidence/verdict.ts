import type { EvidenceItem, FindingView } from '../../services/evidence.ts';
import type { AnalysisJob } from '../../stores/evidence/index.ts';

// What a gallery badge says about one item, from its findings, a running analysis and the last integrity
// check. Worst first: changed bytes outrank everything, then alerts, then warnings.

export type BadgeTone = 'tampered' | 'alert' | 'warning' | 'clean' | 'pending' | 'running' | 'error';
export type Badge = { label: string; tone: BadgeTone; description: string };

export const isNotAvailable = (f: FindingView): boolean => f.label === 'not-available';

export const jobCovers = (job: AnalysisJob | null, evidenceId: string): boolean =>
  job !== null && (job.state === 'starting' || job.state === 'running') && (job.evidenceId === null || job.evidenceId === evidenceId);

export const jobPercent = (job: AnalysisJob): number | null => (job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null);

export const badgeFor = (item: EvidenceItem, findings: FindingView[], job: AnalysisJob | null, tamperedProblem: string | undefined): Badge => {
  if (tamperedProblem) return { label: 'Tampered', tone: 'tampered', description: `The stored bytes no longer match their SHA-256: ${tamperedProblem}` };
  if (job && jobCovers(job, item.id)) {
    const pct = jobPercent(job);
    return { label: pct === null ? 'Analysing…' : `Analysing ${pct}%`, tone: 'running', description: 'Analysis is running.' };
  }
  const alerts = findings.filter((f) => f.severity === 'alert').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (findings.length === 0) {
    // Findings may have failed to load while the list still carries the worst severity.
    if (item.verdict === 'alert') return { label: 'Alerts', tone: 'alert', description: 'Analysis found strong signs of manipulation or fraud.' };
    if (item.verdict === 'warning') return { label: 'Warnings', tone: 'warning', description: 'Analysis found something worth a look.' };
    if (item.verdict === 'info') return { label: 'Clean', tone: 'clean', description: 'Analysis found nothing suspicious.' };
    return { label: 'Not analysed', tone: 'pending', description: 'No analysis has run on this item yet.' };
  }
  if (alerts > 0) return { label: `Alerts ${alerts}`, tone: 'alert', description: `${alerts} strong sign${alerts === 1 ? '' : 's'} of manipulation or fraud${warnings ? `, and ${warnings} thing${warnings === 1 ? '' : 's'} worth a look` : ''}.` };
  if (warnings > 0) return { label: `Warnings ${warnings}`, tone: 'warning', description: `${warnings} thing${warnings === 1 ? '' : 's'} worth a look; no strong sign of manipulation.` };
  if (errors > 0 && errors === findings.filter((f) => !isNotAvailable(f)).length) return { label: 'Could not analyse', tone: 'error', description: 'No analyzer could read this file.' };
  return { label: 'Clean', tone: 'clean', description: `Analysed: nothing suspicious found${errors ? `, though ${errors} check${errors === 1 ? '' : 's'} could not run` : ''}.` };
};

export const KIND_LABELS: Record<EvidenceItem['kind'], string> = { image: 'Photo', video: 'Video', audio: 'Audio', document: 'Document', other: 'File' };

export const formatBytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
};

export const SEVERITY_LABELS: Record<FindingView['severity'], string> = { alert: 'Alert', warning: 'Worth a look', info: 'Fact', error: 'Could not run' };
