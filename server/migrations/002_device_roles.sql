-- Roles (shared/access/roles.ts, ROLES): an enrolment code is issued for an office and
-- a role, and the device enrolled with it keeps that role. Devices and codes that
-- existed before roles were field monitors' laptops: they keep that role.
-- Keep to PostgreSQL 15.

ALTER TABLE enrolment_codes
  ADD COLUMN role text NOT NULL DEFAULT 'field_monitor'
  CONSTRAINT enrolment_codes_role_check CHECK (role IN ('field_monitor', 'supervisor', 'hq_analyst', 'administrator'));

ALTER TABLE devices
  ADD COLUMN role text NOT NULL DEFAULT 'field_monitor'
  CONSTRAINT devices_role_check CHECK (role IN ('field_monitor', 'supervisor', 'hq_analyst', 'administrator'));
