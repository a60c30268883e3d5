-- Operations (issue 10): offices are created by an administrator, with a name, before
-- codes are issued for them; a device's token can be rotated.
-- Offices registered before names existed (by the first code issued for them) keep ''.
-- Two offices of one mission may not share a name (compared without case), so that a
-- list of offices never holds two "Belgrade"s.
-- A rotation code (enrolment_codes.device_id set) re-enrols that same device: it keeps its
-- id, role, user and office and gets a new token; its old token stopped working when the
-- code was issued. Keep to PostgreSQL 15.

ALTER TABLE offices ADD COLUMN name text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX offices_mission_name_idx ON offices (mission, lower(name)) WHERE name <> '';

ALTER TABLE enrolment_codes ADD COLUMN device_id text REFERENCES devices (id);
CREATE INDEX enrolment_codes_device_idx ON enrolment_codes (device_id) WHERE device_id IS NOT NULL;
