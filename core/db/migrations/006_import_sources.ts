import type { Migration } from '../migrate.ts';

// Where an imported claim came from, for sources whose rows do not fit the claim model whole (the vehicle
// claim fraud data set): the complete source row and its evaluation label (FraudFound_P). This is not a
// projection of the event log and is never shown on a claim; it is what an evaluation of the risk score
// joins against.
export const migration: Migration = {
  version: 6,
  name: 'import_sources',
  sql: `
    CREATE TABLE import_sources (
      case_id TEXT PRIMARY KEY,
      import_id TEXT NOT NULL,
      format TEXT NOT NULL,
      file_name TEXT NOT NULL,
      source_row INTEGER NOT NULL,
      record TEXT NOT NULL,
      label TEXT,
      imported_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_sources_by_import ON import_sources(import_id, source_row);
  `,
};
