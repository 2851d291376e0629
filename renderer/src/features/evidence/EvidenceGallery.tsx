import { useState } from 'react';
import { formatDateTime } from '../../components/format.ts';
import { evidenceUrl, type EvidenceItem } from '../../services/evidence.ts';
import { evidenceSelectors, useEvidenceStore } from '../../stores/evidence/index.ts';
import { MediaIcon } from './MediaIcon.tsx';
import { KIND_LABELS, badgeFor, formatBytes, type Badge } from './verdict.ts';

export const VerdictBadge = ({ badge }: { badge: Badge }) => (
  <span className={`verdict-badge tone-${badge.tone}`} title={badge.description}>
    {badge.label}
  </span>
);

const Thumbnail = ({ item }: { item: EvidenceItem }) => {
  const [failed, setFailed] = useState(false);
  if (item.kind !== 'image' || failed) return <MediaIcon kind={item.kind} />;
  return <img className="evidence-thumb-img" src={evidenceUrl(item.sha256)} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setFailed(true)} />;
};

const Tile = ({ item }: { item: EvidenceItem }) => {
  const findings = useEvidenceStore(evidenceSelectors.findingsOf(item.id));
  const job = useEvidenceStore(evidenceSelectors.job);
  const tampered = useEvidenceStore((s) => s.tampered[item.id]);
  const openItem = useEvidenceStore((s) => s.openItem);
  const badge = badgeFor(item, findings, job, tampered);
  return (
    <li className="evidence-tile">
      <button
        type="button"
        className="evidence-tile-button"
        aria-label={`Open ${item.originalName}: ${KIND_LABELS[item.kind].toLowerCase()}, ${badge.label}`}
        onClick={() => void openItem(item.id)}
      >
        <span className={`evidence-thumb kind-${item.kind}`}>
          <Thumbnail item={item} />
        </span>
        <span className="evidence-tile-name" title={item.originalName}>
          {item.originalName}
        </span>
        <span className="evidence-tile-meta meta">
          {KIND_LABELS[item.kind]} · {formatBytes(item.size)}
        </span>
      </button>
      <span className="evidence-tile-badges">
        <VerdictBadge badge={badge} />
        {item.extensionMismatch && (
          <span className="verdict-badge tone-warning" title={`The name suggests another type than the bytes, which are ${item.mediaType}.`}>
            Renamed type
          </span>
        )}
      </span>
      <span className="visually-hidden">Added {formatDateTime(item.addedAt)} by {item.addedBy}</span>
    </li>
  );
};

/** Thumbnails of the case's evidence with a verdict badge each; a tile opens the item in full. */
export const EvidenceGallery = () => {
  const items = useEvidenceStore(evidenceSelectors.items);
  return (
    <ul className="plain-list evidence-gallery" aria-label="Evidence items">
      {items.map((item) => (
        <Tile key={item.id} item={item} />
      ))}
    </ul>
  );
};
