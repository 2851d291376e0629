import type { Migration } from '../migrate.ts';

// Projections: tables derived from the event log in the same transaction as each append, and rebuilt
// from it by `casebench rebuild`. Nothing here is a source of truth, so there are no foreign keys: the
// projector checks that a case exists, and a foreign-key check per row cost more than the insert itself.
export const migration: Migration = {
  version: 2,
  name: 'case projections',
  sql: `
    CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('claim', 'police')),
      number TEXT NOT NULL,
      status TEXT NOT NULL,
      claimant TEXT,
      plate TEXT,
      incident_at TEXT,
      amount_cents INTEGER,
      assignee TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      doc TEXT NOT NULL,
      field_hlc TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX cases_by_number ON cases(number);
    -- The queue is read one status at a time (see core/cases/queries.ts): each sort order has an index
    -- led by status, so a page is an index range whatever the mix of statuses in the workspace.
    CREATE INDEX cases_by_status_updated ON cases(status, updated_at);
    CREATE INDEX cases_by_status_number ON cases(status, number);
    CREATE INDEX cases_by_status_kind ON cases(status, kind);
    CREATE INDEX cases_by_status_incident ON cases(status, incident_at);
    CREATE INDEX cases_by_status_amount ON cases(status, amount_cents);
    CREATE INDEX cases_by_status_claimant ON cases(status, claimant);
    CREATE INDEX cases_by_status_plate ON cases(status, plate);
    CREATE INDEX cases_by_status_assignee ON cases(status, assignee);

    CREATE VIRTUAL TABLE case_search USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

    CREATE TABLE case_parties (
      case_id TEXT NOT NULL,
      party_id TEXT NOT NULL,
      role TEXT NOT NULL,
      name TEXT NOT NULL,
      phone_norm TEXT,
      email_norm TEXT,
      address_norm TEXT,
      licence_norm TEXT,
      PRIMARY KEY (case_id, party_id)
    ) STRICT;
    CREATE INDEX case_parties_by_phone ON case_parties(phone_norm) WHERE phone_norm IS NOT NULL;
    CREATE INDEX case_parties_by_email ON case_parties(email_norm) WHERE email_norm IS NOT NULL;
    CREATE INDEX case_parties_by_address ON case_parties(address_norm) WHERE address_norm IS NOT NULL;

    CREATE TABLE case_vehicles (
      case_id TEXT NOT NULL,
      vehicle_id TEXT NOT NULL,
      vin TEXT,
      plate_norm TEXT,
      PRIMARY KEY (case_id, vehicle_id)
    ) STRICT;
    CREATE INDEX case_vehicles_by_vin ON case_vehicles(vin) WHERE vin IS NOT NULL;
    CREATE INDEX case_vehicles_by_plate ON case_vehicles(plate_norm) WHERE plate_norm IS NOT NULL;

    CREATE TABLE notes (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL,
      text TEXT NOT NULL,
      author TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notes_by_case ON notes(case_id, created_at);
    CREATE VIRTUAL TABLE note_search USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

    CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL,
      title TEXT NOT NULL,
      due_date TEXT,
      assignee TEXT,
      done INTEGER NOT NULL CHECK (done IN (0, 1)),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      completed_at TEXT
    ) STRICT;
    CREATE INDEX tasks_by_case ON tasks(case_id, created_at);

    CREATE TABLE conflicts (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      description TEXT NOT NULL
    ) STRICT;
    CREATE INDEX conflicts_by_case ON conflicts(case_id);
  `,
};
