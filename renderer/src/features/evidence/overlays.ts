import { artifactUrl, type FindingView } from '../../services/evidence.ts';

// What the image viewer can draw over a photo, read from findings: heatmap artifacts (PNG images the size
// of the photo) and boxes from finding.data (faces with landmarks, lines of text, suspicious regions).

export type OverlayBox = { key: string; kind: 'face' | 'text' | 'region'; x: number; y: number; width: number; height: number; label: string; points: [number, number][] };
export type HeatmapLayer = { sha256: string; url: string; label: string; findingLabel: string };

type Rect = { x: number; y: number; width: number; height: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const rectOf = (v: unknown): Rect | null => {
  if (!isRecord(v)) return null;
  const x = num(v.x) ?? num(v.x0);
  const y = num(v.y) ?? num(v.y0);
  const width = num(v.width) ?? (num(v.x1) !== null && x !== null ? (num(v.x1) as number) - x : null);
  const height = num(v.height) ?? (num(v.y1) !== null && y !== null ? (num(v.y1) as number) - y : null);
  return x !== null && y !== null && width !== null && height !== null && width > 0 && height > 0 ? { x, y, width, height } : null;
};

const pointsOf = (v: unknown): [number, number][] =>
  Array.isArray(v) ? v.flatMap((p) => (Array.isArray(p) && num(p[0]) !== null && num(p[1]) !== null ? [[p[0] as number, p[1] as number] as [number, number]] : [])) : [];

/** Findings about the photo itself (not about a keyframe of a video). */
const aboutImage = (f: FindingView): boolean => !isRecord(f.data) || f.data.frame === undefined;

export const heatmapsOf = (findings: FindingView[]): HeatmapLayer[] =>
  findings.filter(aboutImage).flatMap((f) => f.artifacts.filter((a) => a.mediaType === 'image/png').map((a) => ({ sha256: a.sha256, url: artifactUrl(a.sha256), label: a.label, findingLabel: f.label })));

/**
 * Boxes in the photo's own pixels. An analyzer that worked on a scaled copy names the copy's size as
 * imageWidth/imageHeight and its boxes are scaled back; copy-move already reports photo pixels (its
 * analysedWidth only describes the copy it searched, so it is not a box scale).
 */
export const boxesOf = (findings: FindingView[], naturalWidth: number, naturalHeight: number): OverlayBox[] => {
  const out: OverlayBox[] = [];
  // The deepfake check names the face it scored; when face detection already drew that face, once is enough.
  const facesDrawn = findings.some((f) => aboutImage(f) && isRecord(f.data) && Array.isArray(f.data.faces) && f.data.faces.length > 0);
  for (const f of findings.filter(aboutImage)) {
    const d = f.data;
    if (!isRecord(d)) continue;
    const srcW = num(d.imageWidth) ?? naturalWidth;
    const srcH = num(d.imageHeight) ?? naturalHeight;
    const sx = srcW > 0 ? naturalWidth / srcW : 1;
    const sy = srcH > 0 ? naturalHeight / srcH : 1;
    const push = (kind: OverlayBox['kind'], r: Rect, label: string, points: [number, number][] = []) =>
      out.push({ key: `${f.analyzerId}:${f.label}:${out.length}`, kind, x: r.x * sx, y: r.y * sy, width: r.width * sx, height: r.height * sy, label, points: points.map(([px, py]) => [px * sx, py * sy]) });
    if (Array.isArray(d.faces)) {
      d.faces.forEach((face, i) => {
        const r = rectOf(face);
        if (r) push('face', r, `Face ${i + 1}${isRecord(face) && num(face.score) !== null ? ` (${Math.round((face.score as number) * 100)}%)` : ''}`, isRecord(face) ? pointsOf(face.landmarks) : []);
      });
    }
    if (Array.isArray(d.lines)) {
      for (const line of d.lines) {
        const r = isRecord(line) ? rectOf(line.box) : null;
        if (r) push('text', r, isRecord(line) && typeof line.text === 'string' ? line.text : 'Text');
      }
    }
    if (!facesDrawn && rectOf(d.box)) push('face', rectOf(d.box) as Rect, num(d.face) !== null ? `Face ${num(d.face)}` : 'Face');
    if (rectOf(d.region)) push('region', rectOf(d.region) as Rect, 'Area that stands out');
    if (rectOf(d.source)) push('region', rectOf(d.source) as Rect, 'Copied from');
    if (rectOf(d.target)) push('region', rectOf(d.target) as Rect, 'Copied to');
  }
  return out;
};

export type ReuseMatch = { evidenceId: string; caseId: string | null; caseNumber: string | null; name: string; distance: number | null };

/** The other items a re-used-photo finding names, for side-by-side compare. */
export const reuseMatchOf = (f: FindingView): ReuseMatch | null => {
  const d = f.data;
  if (!isRecord(d) || typeof d.otherEvidenceId !== 'string') return null;
  return {
    evidenceId: d.otherEvidenceId,
    caseId: typeof d.otherCaseId === 'string' ? d.otherCaseId : null,
    caseNumber: typeof d.otherCaseNumber === 'string' ? d.otherCaseNumber : null,
    name: typeof d.otherName === 'string' ? d.otherName : 'the other item',
    distance: num(d.phashDistance),
  };
};

/** Where in a video a keyframe finding was made, to jump there. */
export const frameTimeOf = (f: FindingView): number | null => (isRecord(f.data) ? num(f.data.frameTimeSeconds) : null);

/** The frame rate the file declares, from the video analyzer's report. */
export const declaredFpsOf = (findings: FindingView[]): number | null => {
  for (const f of findings) {
    const video = isRecord(f.data) ? f.data.video : null;
    const fps = isRecord(video) ? num(video.fps) : null;
    if (fps && fps > 0) return fps;
  }
  return null;
};
