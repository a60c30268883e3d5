-- Issued situation reports (issue 11, "Issuing a report numbers it, stores it ... and
-- syncs it to the server"). A report is made and issued on a device, with a UUID made
-- there; the server numbers it when it first receives it and keeps it for ever,
-- unchanged: an issued report is immutable.
-- Authorship (office, device, user) comes from the pushing device's token, never from
-- the body. The number is `{office}-{year}-{seq}`, seq counted per office and year of
-- the period's end in issued_report_counters (allocated in the push's transaction, so a
-- rolled-back push gives its number back) and guarded by the unique constraints below.
-- `feed_seq` orders the pull feed; pushes of reports take an advisory lock so that it
-- commits in order (as changes.seq does) and a puller's cursor never passes a report
-- that commits later.
-- parameters, highlights and document are json (not jsonb), like records: kept as sent.
-- Keep to PostgreSQL 15.

CREATE TABLE issued_report_counters (
  office text NOT NULL,
  year integer NOT NULL,
  last_seq integer NOT NULL,
  PRIMARY KEY (office, year)
);

CREATE TABLE issued_reports (
  id uuid PRIMARY KEY,
  feed_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  office text NOT NULL REFERENCES offices (code),
  year integer NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  number text NOT NULL UNIQUE,
  device_id text NOT NULL REFERENCES devices (id),
  issued_by text NOT NULL,
  -- SHA-256 of the canonical JSON of what the device sent (parameters, highlights,
  -- document, issuedAt): a push of the same id must send the same content.
  content_hash text NOT NULL,
  parameters json NOT NULL,
  highlights json NOT NULL,
  document json NOT NULL,
  -- The device's claim, as it sent it (its clock may be wrong): kept as text.
  issued_at text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (office, year, seq)
);
CREATE INDEX issued_reports_office_feed_idx ON issued_reports (office, feed_seq);
