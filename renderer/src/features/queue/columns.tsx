import type { ReactNode } from 'react';
import type { CaseRow, SortColumn } from '../../../../common/contract.ts';
import { NOT_SET, formatCents, formatDate, formatDateTime } from '../../components/format.ts';
import { KIND_LABELS } from '../../components/labels.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';

/** A queue column: the sort it maps to and how a row's value reads. The Number column is drawn by the table. */
export type QueueColumn = { id: SortColumn; label: string; numeric?: boolean; render: (row: CaseRow) => ReactNode };

const orDash = (value: string | null): string => value || NOT_SET;

export const QUEUE_COLUMNS: readonly QueueColumn[] = [
  { id: 'number', label: 'Number', render: (row) => row.number },
  { id: 'kind', label: 'Type', render: (row) => KIND_LABELS[row.kind] },
  { id: 'status', label: 'Status', render: (row) => <StatusBadge status={row.status} /> },
  { id: 'claimant', label: 'Claimant / suspect', render: (row) => orDash(row.claimant) },
  { id: 'plate', label: 'Plate', render: (row) => (row.plate ? <span className="plate">{row.plate}</span> : NOT_SET) },
  { id: 'incidentAt', label: 'Incident date', render: (row) => formatDate(row.incidentAt) },
  { id: 'amount', label: 'Amount', numeric: true, render: (row) => formatCents(row.amountCents) },
  { id: 'assignee', label: 'Assignee', render: (row) => orDash(row.assignee) },
  { id: 'updatedAt', label: 'Last change', render: (row) => formatDateTime(row.updatedAt) },
];
