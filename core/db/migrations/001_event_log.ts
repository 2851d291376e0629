import type { Migration } from '../migrate.ts';

// The append-only event log and the device registry. Every event carries its place in its device's hash
// chain; `batch_head` is part of the hashed content so a removed signature is detectable.
export const migration: Migration = {
  version: 1,
  name: 'event log',
  sql: `
    CREATE TABLE devices (
      device_id TEXT PRIMARY KEY,
      public_key TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE events (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL,
      case_id TEXT NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      actor TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      device_id TEXT NOT NULL,
      device_seq INTEGER NOT NULL,
      hlc TEXT NOT NULL,
      batch_head INTEGER NOT NULL CHECK (batch_head IN (0, 1)),
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      signature TEXT,
      UNIQUE (device_id, device_seq)
    ) STRICT;
    CREATE INDEX events_by_case ON events(case_id, seq);
    -- An event is identified across devices by its place in its device's chain, (device_id, device_seq);
    -- that unique key is what sync de-duplicates on, so the UUID needs no index of its own.

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
