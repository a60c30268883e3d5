-- Revision history syncs (issue 10, "Conflicts, visible"): who changed which fields of a
-- record, when, from what to what, as devices push it with their changes; and the
-- conflicts merges meet (an edit dropped that its writer's counterpart never saw, or a
-- delete that never saw an edit), kept as revisions with action 'conflict' so that the
-- losing value is never lost. See docs/sync-protocol.md.
-- id: made on the device (a random UUID) or, for a conflict, derived from what the
-- conflict is, so that every replica's copy is one row: a retry or a second finder adds
-- nothing (INSERT ... ON CONFLICT DO NOTHING).
-- by_name: the pusher's user name from its token ('' for conflicts); device_id: the
-- pusher ('server:merge' for conflicts the server met).
-- change_seq: the feed row the revision arrived with; a pull hands revisions to pullers
-- with that row.
-- changes: json, not jsonb, for the same reason as changes.data.
-- Keep to PostgreSQL 15.

CREATE TABLE revisions (
  id uuid PRIMARY KEY,
  record_id text NOT NULL,
  office text NOT NULL,
  by_name text NOT NULL,
  device_id text NOT NULL,
  at timestamptz NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  action text NOT NULL CHECK (action IN ('edit', 'delete', 'review', 'conflict', 'resolve')),
  changes json NOT NULL,
  conflict json,
  resolves uuid[],
  change_seq bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revisions_change_seq_idx ON revisions (change_seq);
CREATE INDEX revisions_record_idx ON revisions (record_id);
