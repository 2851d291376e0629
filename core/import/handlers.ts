import type { HandlersFor } from '../api/dispatch.ts';
import type { importCalls } from '../../common/calls/import.ts';
import type { Workspace } from '../workspace.ts';

export const createImportHandlers = (_ws: Workspace): HandlersFor<keyof typeof importCalls> => ({});
