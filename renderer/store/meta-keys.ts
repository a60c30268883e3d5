/** Keys of the local-only `meta` table and the shapes stored under them. */
import type { Role } from '../../shared/access/roles';
import type { HlcState } from '../../shared/sync/hlc';

export interface DeviceIdentity {
  /** Random id made on first start; the HLC node id and the record's `device`. */
  localDeviceId: string;
}

/** Who records on a device not (yet) enrolled: typed by the person. Enrolment takes its place. */
export interface Profile {
  author: string;
  office: string;
  /** The gazetteer place of the last record submitted: the form's default for the next. */
  lastPlaceId?: string;
}

export interface Enrolment {
  serverUrl: string;
  token: string;
  deviceId: string;
  office: string;
  /** Granted by the server with the enrolment code. Absent from enrolments made before roles: a field monitor. */
  role?: Role;
  /**
   * The user the enrolment code was issued for: the author of the records this device
   * creates and the name in its revisions and reviews, in place of the profile's. Set by
   * every enrolment of protocol 2; absent only from enrolments made before it.
   */
  userName?: string;
  /** The name this device was enrolled under (what the administrator's device list shows). */
  deviceName?: string;
  enrolledAt: string;
  /** When the server said this device is revoked: it syncs no more until enrolled again. */
  revokedAt?: string;
}

export interface SyncMeta {
  cursor: string | null;
  lastSyncAt: string | null;
}

/**
 * The names of the devices records were recorded on, by the local id records carry as
 * `device`, as the server gave them with pulled pages (shared/sync/protocol.ts,
 * `devices`). A list, not an object keyed by id: an id is any text a device chose.
 */
export type DeviceNames = { localId: string; name: string }[];

/**
 * Where the pull of issued reports stands. `scope` is the server and office the cursor
 * was given for: enrolled elsewhere, the device pulls the reports from the beginning.
 */
export interface IssuedReportsSyncMeta {
  cursor: string | null;
  scope: string;
}

/**
 * How far the encryption of a store written before encryption at rest has got
 * (migrate-at-rest.ts): per table, the key of the last row sealed, written in the
 * transaction that sealed it; `done` once every table is through.
 */
export interface AtRestMigration {
  cursors: Partial<Record<'observations' | 'revisions' | 'attention' | 'drafts', string | number>>;
  done: boolean;
  /** The issued reports (sealed since a later release than the rest) are sealed too. */
  reportsDone?: boolean;
}

export interface MetaShapes {
  identity: DeviceIdentity;
  deviceNames: DeviceNames;
  profile: Profile;
  enrolment: Enrolment;
  hlc: HlcState;
  sync: SyncMeta;
  issuedReportsSync: IssuedReportsSyncMeta;
  atRestMigration: AtRestMigration;
}

export type MetaKey = keyof MetaShapes;
