import type { HandlersFor } from '../api/dispatch.ts';
import type { evidenceCalls } from '../../common/calls/evidence.ts';
import type { Workspace } from '../workspace.ts';

export const createEvidenceHandlers = (_ws: Workspace): HandlersFor<keyof typeof evidenceCalls> => ({});
