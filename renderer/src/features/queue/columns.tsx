import type { ReactNode } from 'react';
import type { CaseRow, SortColumn } from '../../../../common/contract.ts';
import { NOT_SET, formatCents, formatDate, formatDateTime } from '../../components/format.ts';
import { KIND_LABELS } from '../../components/labels.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';

/** A queue column: the sort it maps to, its width in the grid, and how a row's value reads. */
export type QueueColumn = { id: SortColumn; label: string; width: string; numeric?: boolean; render: (row: CaseRow) => ReactNode };

const orDash = (value: string | null): string => value || NOT_SET;

export const QUEUE_COLUMNS: readonly QueueColumn[] = [
  { id: 'number', label: 'Number', width: 'minmax(150px, 1fr)', render: (row) => row.number },
  { id: 'kind', label: 'Type', width: '104px', render: (row) => KIND_LABELS[row.kind] },
  { id: 'status', label: 'Status', width: '190px', render: (row) => <StatusBadge status={row.status} /> },
  { id: 'claimant', label: 'Claimant / suspect', width: 'minmax(150px, 1.3fr)', render: (row) => orDash(row.claimant) },
  { id: 'plate', label: 'Plate', width: '104px', render: (row) => (row.plate ? <span className="plate">{row.plate}</span> : NOT_SET) },
  { id: 'incidentAt', label: 'Incident date', width: '120px', render: (row) => formatDate(row.incidentAt) },
  { id: 'amount', label: 'Amount', width: '112px', numeric: true, render: (row) => formatCents(row.amountCents) },
  { id: 'assignee', label: 'Assignee', width: 'minmax(130px, 1fr)', render: (row) => orDash(row.assignee) },
  { id: 'updatedAt', label: 'Last change', width: '168px', render: (row) => formatDateTime(row.updatedAt) },
];

export const columnsFor = (ids: readonly SortColumn[]): QueueColumn[] => QUEUE_COLUMNS.filter((c) => c.id === 'number' || ids.includes(c.id));
