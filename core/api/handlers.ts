import { allowedTransitions } from '../../common/domain/workflow.ts';
import { SCHEMA_VERSION } from '../db/migrate.ts';
import { createSettingsStore } from '../cases/settings.ts';
import { createDemoWorkspace } from '../demo.ts';
import { auditDataFolder } from '../events/verify.ts';
import type { Workspace } from '../workspace.ts';
import type { Handlers } from './dispatch.ts';
import { createEvidenceHandlers } from '../evidence/handlers.ts';
import { createImportHandlers } from '../import/handlers.ts';

export const VERSION = '0.1.0';

export const createHandlers = (ws: Workspace): Handlers => {
  const settings = createSettingsStore(ws.db, () => ws.profile().role, () => ws.profile().name);
  return {
    'app.info': () => ({ version: VERSION, dataDir: ws.dataDir, deviceId: ws.store.deviceId, schemaVersion: SCHEMA_VERSION, ...ws.queries.counts(), profile: ws.profile() }),
    'profile.get': () => ws.profile(),
    'profile.update': (p) => ws.setProfile(p),
    'cases.list': (q) => ws.queries.list(q),
    'cases.get': ({ id }) => {
      const doc = ws.cases.get(id);
      const allowed = allowedTransitions(doc.kind, doc.status);
      return {
        case: doc,
        notes: ws.queries.notes(id),
        tasks: ws.queries.tasks(id),
        conflicts: ws.queries.conflicts(id),
        allowedTransitions: [...allowed],
        blockedTransitions: ws.cases.blockedTransitions(doc, allowed),
      };
    },
    'cases.timeline': ({ id }) => {
      ws.cases.get(id);
      return ws.queries.timeline(id);
    },
    'cases.update': ({ id, changes }) => ({ eventId: ws.cases.update(id, changes).id }),
    'cases.transition': ({ id, to, reason }) => ({ eventId: ws.cases.transition(id, to, reason).id }),
    'cases.addParty': ({ id, party }) => ({ partyId: ws.cases.addParty(id, party) }),
    'cases.removeParty': ({ id, partyId, reason }) => ({ eventId: ws.cases.removeParty(id, partyId, reason).id }),
    'cases.addVehicle': ({ id, vehicle }) => ({ vehicleId: ws.cases.addVehicle(id, vehicle) }),
    'cases.removeVehicle': ({ id, vehicleId, reason }) => ({ eventId: ws.cases.removeVehicle(id, vehicleId, reason).id }),
    'cases.linkClaim': ({ id, claimId }) => ({ eventId: ws.cases.linkClaim(id, claimId).id }),
    'claims.create': (draft) => ws.cases.createClaim(draft),
    'policeCases.create': (draft) => ws.cases.createPoliceCase(draft),
    'notes.add': ({ caseId, text }) => ({ noteId: ws.cases.addNote(caseId, text) }),
    'tasks.add': ({ caseId, title, dueDate, assignee }) => ({ taskId: ws.cases.addTask(caseId, title, dueDate, assignee) }),
    'tasks.complete': ({ caseId, taskId }) => ({ eventId: ws.cases.completeTask(caseId, taskId).id }),
    'demo.create': (options) =>
      createDemoWorkspace(ws, options, (done, total) => ws.emit('job.progress', { jobId: 'demo', label: 'Creating demo workspace', done, total })),
    'demo.start': (options) => ({
      jobId: ws.jobs.start('demo', 'Creating demo workspace', options, ({ signal, progress }) => createDemoWorkspace(ws, options, progress, signal)),
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'views.list': () => settings.listViews(),
    'views.save': (view) => settings.saveView(view),
    'views.remove': ({ id }) => ({ removed: settings.removeView(id) }),
    'audit.verify': () => auditDataFolder(ws.db, ws.dataDir),
    'jobs.list': ({ limit }) => ws.jobs.list(limit),
    'jobs.get': ({ id }) => ws.jobs.get(id),
    'jobs.cancel': ({ id }) => {
      ws.jobs.cancel(id);
      return { cancelled: true };
    },
    ...createImportHandlers(ws),
    ...createEvidenceHandlers(ws),
  };
};
