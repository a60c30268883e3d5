-- Identity from the server (sync protocol 2): an enrolment code is issued for a named
-- user of an office with a role, and the device enrolled with it acts as that user.
-- Records carry that name as author and reviewer; the server sets and checks it, the
-- device only displays it. Codes and devices from before names existed have '' and
-- must be enrolled again before they may push (the server refuses a nameless device).
-- Devices also report how many changes wait on them, so that an administrator sees
-- who is behind; last_sync_at is the last completed push or pull.
-- Keep to PostgreSQL 15.

ALTER TABLE enrolment_codes ADD COLUMN user_name text NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN user_name text NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN pending_changes integer;
ALTER TABLE devices ADD COLUMN last_sync_at timestamptz;
