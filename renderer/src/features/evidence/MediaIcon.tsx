import type { EvidenceItem } from '../../services/evidence.ts';

const PATHS: Record<EvidenceItem['kind'], string> = {
  image: 'M4 5h16v14H4z M4 16l5-5 4 4 3-3 4 4 M15 9.5a1.5 1.5 0 1 0 0.01 0',
  video: 'M3 6h13v12H3z M16 10l5-3v10l-5-3',
  audio: 'M9 17V5l10-2v12 M9 17a3 3 0 1 1-3-3 3 3 0 0 1 3 3z M19 15a3 3 0 1 1-3-3 3 3 0 0 1 3 3z',
  document: 'M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 15h6 M9 18h4',
  other: 'M6 3h8l4 4v14H6z M14 3v4h4',
};

/** A line icon for a kind of evidence; decorative, the tile names the kind in words. */
export const MediaIcon = ({ kind, size = 40 }: { kind: EvidenceItem['kind']; size?: number }) => (
  <svg className="media-icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
  </svg>
);
