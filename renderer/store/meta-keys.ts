/** Keys of the local-only `meta` table and the shapes stored under them. */
import type { Role } from '../../shared/access/roles';
import type { HlcState } from '../../shared/sync/hlc';

export interface DeviceIdentity {
  /** Random id made on first start; the HLC node id and the record's `device`. */
  localDeviceId: string;
}

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
  enrolledAt: string;
}

export interface SyncMeta {
  cursor: string | null;
  lastSyncAt: string | null;
}

export interface MetaShapes {
  identity: DeviceIdentity;
  profile: Profile;
  enrolment: Enrolment;
  hlc: HlcState;
  sync: SyncMeta;
}

export type MetaKey = keyof MetaShapes;
