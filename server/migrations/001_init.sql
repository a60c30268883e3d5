-- Routewatch headquarters sync server: initial schema.
-- Keep to PostgreSQL 15 (PGlite runs a later version; production may not).

-- Offices for which enrolment codes have been issued.
CREATE TABLE offices (
  code text PRIMARY KEY,
  mission text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One-time enrolment codes; only the SHA-256 of the normalised code is kept.
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  office text NOT NULL REFERENCES offices (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device text
);

-- Enrolled devices; only the SHA-256 of each bearer token is kept.
CREATE TABLE devices (
  id text PRIMARY KEY,
  office text NOT NULL REFERENCES offices (code),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);

-- Current state of every record: the version with the latest HLC stamp.
-- hlc uses the "C" collation so that SQL compares stamps byte by byte, as the clients do.
-- data is json, not jsonb: json keeps the text as sent, including \u0000 and lone
-- surrogate escapes that jsonb refuses, so any record a device holds can sync.
CREATE TABLE records (
  id text PRIMARY KEY,
  office text NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  data json NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX records_office_idx ON records (office);

-- Every change ever received, in the order it was committed: the pull feed.
CREATE TABLE changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id uuid NOT NULL UNIQUE,
  record_id text NOT NULL,
  office text NOT NULL,
  device_id text NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  data json NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_office_seq_idx ON changes (office, seq);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  detail json NOT NULL DEFAULT '{}'
);

-- Rate-limit counters, kept here so that every server instance counts together.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);
