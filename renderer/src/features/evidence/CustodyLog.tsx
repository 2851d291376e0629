import { formatDateTime } from '../../components/format.ts';
import type { CustodyEntry } from '../../services/evidence.ts';

const ACTIONS: Record<CustodyEntry['action'], string> = { received: 'Received', viewed: 'Viewed', exported: 'Exported', verified: 'Verified', analysed: 'Analysed' };

/** Who did what to the item, when, and on which device; oldest first, the order it happened. */
export const CustodyLog = ({ entries }: { entries: CustodyEntry[] }) => {
  if (entries.length === 0) return <p className="section-empty">No custody entries are recorded for this item.</p>;
  return (
    <table className="custody-table">
      <caption className="visually-hidden">Chain of custody</caption>
      <colgroup>
        <col className="custody-when" />
        <col />
        <col className="custody-who" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Who, device</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.eventId}>
            <td>{formatDateTime(e.at)}</td>
            <td>
              <span className="custody-action">{ACTIONS[e.action] ?? e.action}</span>
              {e.detail && <span className="custody-detail meta">{e.detail}</span>}
            </td>
            <td>
              {e.actor}
              <span className="custody-detail meta">{e.actorRole}</span>
              <span className="custody-detail meta mono" title={`Device ${e.deviceId}`}>
                {e.deviceId.slice(0, 8)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
