import type { ReactNode } from 'react';
import type { CaseDocument } from '../../../../common/domain/case.ts';
import { NOT_SET, formatCents, formatDate, formatDateTime } from '../../components/format.ts';
import { FAULT_LABELS, PARTY_ROLE_LABELS, POLICY_TYPE_LABELS, roleLabel } from '../../components/labels.ts';
import type { CaseRecord, CaseTimeline } from '../../services/cases.ts';
import { describeEvent } from './describeEvent.ts';

const Section = ({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) => (
  <section className="detail-section" aria-labelledby={id}>
    <h3 id={id} className="section-title">
      {title}
      {count !== undefined && <span className="section-count">{count}</span>}
    </h3>
    {children}
  </section>
);

const Empty = ({ children }: { children: ReactNode }) => <p className="section-empty">{children}</p>;

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="fact">
    <dt>{label}</dt>
    <dd>{children || NOT_SET}</dd>
  </div>
);

const ClaimFacts = ({ doc }: { doc: CaseDocument }) => (
  <dl className="fact-grid">
    <Fact label="Reported">{formatDateTime(doc.reportedAt)}</Fact>
    <Fact label="Place">{doc.incident?.place}</Fact>
    <Fact label="Policy">{doc.policy && `${doc.policy.number} · ${POLICY_TYPE_LABELS[doc.policy.type]}`}</Fact>
    <Fact label="Policy since">{doc.policy && formatDate(doc.policy.inceptionDate)}</Fact>
    <Fact label="Insured value">{doc.policy?.insuredValueCents !== undefined && formatCents(doc.policy.insuredValueCents)}</Fact>
    <Fact label="Deductible">{doc.policy?.deductibleCents !== undefined && formatCents(doc.policy.deductibleCents)}</Fact>
    <Fact label="Fault">{doc.incident && FAULT_LABELS[doc.incident.fault]}</Fact>
    <Fact label="Police report">
      {doc.incident && (doc.incident.policeReportFiled ? `Filed${doc.incident.policeReportNumber ? `, ${doc.incident.policeReportNumber}` : ''}` : 'None filed')}
    </Fact>
    <Fact label="Witnesses">{doc.incident && (doc.incident.witnessesPresent ? 'Present' : 'None reported')}</Fact>
    <Fact label="Repair shop">{doc.repairShop}</Fact>
  </dl>
);

const PoliceFacts = ({ doc }: { doc: CaseDocument }) => (
  <dl className="fact-grid">
    <Fact label="Linked claims">{String(doc.linkedClaimIds.length)}</Fact>
    <Fact label="Last change">{formatDateTime(doc.updatedAt)}</Fact>
  </dl>
);

export const CaseSections = ({ record, timeline }: { record: CaseRecord; timeline: CaseTimeline }) => {
  const doc = record.case;
  const description = doc.kind === 'claim' ? doc.incident?.description : doc.summary;
  return (
    <>
      {record.conflicts.length > 0 && (
        <div className="notice notice-warning" role="note">
          <h3 className="notice-title">
            {record.conflicts.length === 1 ? 'One change needs a decision' : `${record.conflicts.length} changes need a decision`}
          </h3>
          <ul className="plain-list">
            {record.conflicts.map((c) => (
              <li key={c.id}>{c.description}</li>
            ))}
          </ul>
        </div>
      )}

      <Section id="section-overview" title={doc.kind === 'claim' ? 'Incident' : 'Case'}>
        {description && <p className="detail-description">{description}</p>}
        {doc.kind === 'claim' ? <ClaimFacts doc={doc} /> : <PoliceFacts doc={doc} />}
      </Section>

      <Section id="section-parties" title="Parties" count={doc.parties.length}>
        {doc.parties.length === 0 ? (
          <Empty>No parties recorded.</Empty>
        ) : (
          <ul className="card-list">
            {doc.parties.map((p) => (
              <li key={p.id} className="card">
                <p className="card-title">
                  {p.name} <span className="card-tag">{PARTY_ROLE_LABELS[p.role]}</span>
                </p>
                {[p.phone, p.email, p.address].filter(Boolean).map((line) => (
                  <p key={line} className="card-line">
                    {line}
                  </p>
                ))}
                {p.licenceNumber && <p className="card-line">Licence {p.licenceNumber}</p>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="section-vehicles" title="Vehicles" count={doc.vehicles.length}>
        {doc.vehicles.length === 0 ? (
          <Empty>No vehicles recorded.</Empty>
        ) : (
          <ul className="card-list">
            {doc.vehicles.map((v) => (
              <li key={v.id} className="card">
                <p className="card-title">{[v.make, v.model, v.year].filter(Boolean).join(' ') || 'Vehicle'}</p>
                <p className="card-line">
                  Plate <span className="plate">{v.plate || NOT_SET}</span>
                </p>
                <p className="card-line">
                  VIN <span className="mono">{v.vin || NOT_SET}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="section-notes" title="Notes" count={record.notes.length}>
        {record.notes.length === 0 ? (
          <Empty>No notes yet.</Empty>
        ) : (
          <ul className="plain-list note-list">
            {record.notes.map((n) => (
              <li key={n.id} className="note">
                <p className="note-text">{n.text}</p>
                <p className="meta">
                  {n.author} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {record.tasks.length > 0 && (
        <Section id="section-tasks" title="Tasks" count={record.tasks.length}>
          <ul className="plain-list task-list">
            {record.tasks.map((t) => (
              <li key={t.id} className={`task${t.done ? ' is-done' : ''}`}>
                <span className="task-state">{t.done ? 'Done' : 'Open'}</span>
                <span className="task-title">{t.title}</span>
                {t.dueDate && <span className="meta">due {formatDate(t.dueDate)}</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="section-timeline" title="Timeline" count={timeline.length}>
        {timeline.length === 0 ? (
          <Empty>No events recorded.</Empty>
        ) : (
          <ol className="timeline" aria-label="Case timeline">
            {timeline.map((entry) => {
              const { title, summary } = describeEvent(entry);
              return (
                <li key={entry.id} className="timeline-entry">
                  <p className="timeline-title">{title}</p>
                  {summary && <p className="timeline-summary">{summary}</p>}
                  <p className="meta">
                    {entry.actor} · {roleLabel(entry.actorRole)} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </Section>
    </>
  );
};
