-- Where a record was recorded (issue 10, "records show the name of the device they
-- were recorded on"). A record's `device` is the id the recording device gave itself
-- (its local id, made before any enrolment, so that records made offline before
-- enrolment carry it too); the server's device ids are given at enrolment. This table
-- binds each local id to the enrolled device that first pushed a new record under it,
-- so that the server, not the record, says which device that was, and pullers get
-- its name.
-- A new record whose local id is bound to another device is refused
-- (identity_mismatch), unless that device is revoked and the pusher is of the same
-- office: a laptop enrolled again after revocation keeps its local id, and the binding
-- moves to its new enrolment.
-- Records pushed before this migration bind their local ids to the device whose change
-- created them (the first feed row of the record that is not a server merge); the
-- earliest such record decides. A record whose JSON holds \u0000 is passed over: SQL
-- cannot read a field of such json (its device then shows by id until bound).
-- Keep to PostgreSQL 15.

CREATE TABLE record_devices (
  local_id text PRIMARY KEY,
  device_id text NOT NULL REFERENCES devices (id),
  bound_at timestamptz NOT NULL DEFAULT now()
);

WITH created AS (
  SELECT DISTINCT ON (record_id) record_id, device_id, seq, data
  FROM changes
  WHERE device_id <> 'server:merge'
  ORDER BY record_id, seq
), named AS (
  -- CASE, not WHERE: it guarantees the test runs before ->> reads the json.
  SELECT CASE WHEN position('\u0000' in data::text) = 0 THEN data->>'device' END AS local_id, device_id, seq
  FROM created
)
INSERT INTO record_devices (local_id, device_id)
SELECT DISTINCT ON (local_id) local_id, device_id
FROM named
WHERE local_id IS NOT NULL AND device_id IN (SELECT id FROM devices)
ORDER BY local_id, seq
ON CONFLICT DO NOTHING;
