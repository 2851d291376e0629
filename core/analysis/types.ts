// An analyzer looks at one evidence item and reports findings (ARCHITECTURE.md, "Analysis and models").
// Rerunning the same analyzer version on the same input must give the same findings.

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'other';

/** What an analyzer is given: the stored file and what the case says, for consistency checks. */
export type AnalysisInput = {
  evidenceId: string;
  caseId: string | null;
  sha256: string;
  /** Absolute path of the stored, content-addressed file (read only). */
  path: string;
  mediaType: string; // sniffed from the bytes, e.g. image/jpeg
  kind: MediaKind;
  size: number;
  originalName: string;
  /** Facts from the case to compare against (incident time and place, plates, VINs, amounts). */
  claim?: {
    incidentAt?: string;
    latitude?: number;
    longitude?: number;
    plates: string[];
    vins: string[];
    amountClaimedCents?: number;
  };
  /** Writes a derived file (heatmap, crop, frame) into the cache and returns its SHA-256. */
  saveArtifact: (bytes: Buffer, mediaType: string, label: string) => Promise<string>;
  signal: AbortSignal;
  progress: (fraction: number) => void;
  /** Set when the input is a keyframe sampled from a video: findings then name the frame. */
  frame?: { index: number; timeSeconds: number; sourceSha256: string };
};

export type Finding = {
  analyzerId: string;
  analyzerVersion: string;
  modelId?: string;
  modelSha256?: string;
  inputSha256: string;
  parameters: Record<string, unknown>;
  /** In [0, 1] where the analyzer has a score; higher means more suspicious unless `label` says otherwise. */
  score?: number;
  /** Short machine label: 'exif.capture-after-incident', 'reuse.near-duplicate', 'deepfake.p-real', 'not-available', ... */
  label: string;
  /** `info` (a fact), `warning` (worth a look), `alert` (a strong sign of manipulation or fraud), `error` (the analyzer could not run on this input). */
  severity: 'info' | 'warning' | 'alert' | 'error';
  /** One or two sentences a claims adjuster understands: what was found, and what it can and cannot show. */
  explanation: string;
  /** SHA-256 of derived files in the artifact cache (heatmaps, crops, frames). */
  artifacts: { sha256: string; mediaType: string; label: string }[];
  /** Structured extras for the UI (boxes, matched evidence ids, extracted text). */
  data?: Record<string, unknown>;
};

export type Analyzer = {
  id: string;
  version: string;
  /** Media kinds it accepts. */
  accepts: readonly MediaKind[];
  /** Human name for the UI. */
  title: string;
  /** null when it can run; otherwise why not and how to install what is missing (shown as "not available"). */
  unavailable: () => string | null;
  run: (input: AnalysisInput) => Promise<Finding[]>;
};
