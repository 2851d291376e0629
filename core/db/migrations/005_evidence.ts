import type { Migration } from '../migrate.ts';

// Evidence, its chain of custody and analysis findings are projections of events (rebuild empties and
// replays them). Perceptual hashes and derived artifacts are caches of file content, keyed by SHA-256: they
// can always be recomputed from the stored files, so rebuild leaves them alone.
export const migration: Migration = {
  version: 5,
  name: 'evidence',
  sql: `
    CREATE TABLE evidence (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      original_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      media_type TEXT NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL,
      extension_mismatch INTEGER NOT NULL CHECK (extension_mismatch IN (0, 1)),
      added_by TEXT NOT NULL,
      added_at TEXT NOT NULL,
      event_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX evidence_by_case ON evidence(case_id, added_at);
    CREATE INDEX evidence_by_sha ON evidence(sha256);

    CREATE TABLE custody (
      event_id TEXT PRIMARY KEY,
      evidence_id TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      device_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      at TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX custody_by_evidence ON custody(evidence_id, hlc);

    CREATE TABLE findings (
      evidence_id TEXT NOT NULL,
      analyzer_id TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      analyzer_version TEXT NOT NULL,
      input_sha256 TEXT NOT NULL,
      label TEXT NOT NULL,
      severity TEXT NOT NULL,
      score REAL,
      body TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (evidence_id, analyzer_id, ordinal)
    ) STRICT;
    CREATE INDEX findings_by_input ON findings(input_sha256, analyzer_id, analyzer_version);

    -- Multi-index hashing: the 64-bit pHash split into four 16-bit bands, each indexed, so a query within
    -- Hamming distance r only looks at rows that share a band within floor(r/4) bits (pigeonhole).
    CREATE TABLE image_hashes (
      sha256 TEXT NOT NULL,
      frame INTEGER NOT NULL,
      phash_hi INTEGER NOT NULL,
      phash_lo INTEGER NOT NULL,
      dhash TEXT NOT NULL,
      b0 INTEGER NOT NULL,
      b1 INTEGER NOT NULL,
      b2 INTEGER NOT NULL,
      b3 INTEGER NOT NULL,
      PRIMARY KEY (sha256, frame)
    ) STRICT;
    CREATE INDEX image_hashes_b0 ON image_hashes(b0);
    CREATE INDEX image_hashes_b1 ON image_hashes(b1);
    CREATE INDEX image_hashes_b2 ON image_hashes(b2);
    CREATE INDEX image_hashes_b3 ON image_hashes(b3);

    CREATE TABLE artifacts (
      sha256 TEXT PRIMARY KEY,
      media_type TEXT NOT NULL,
      source_sha256 TEXT NOT NULL,
      analyzer_id TEXT NOT NULL,
      analyzer_version TEXT NOT NULL,
      label TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX artifacts_by_source ON artifacts(source_sha256, analyzer_id, analyzer_version);
  `,
};
