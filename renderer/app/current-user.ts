/**
 * Who is using the app: the name they record under (the profile), and the role and
 * office the server granted this device at enrolment. Screens ask `useCurrentUser()`
 * and put the answer to the rule book (shared/access/roles.ts); they never read the
 * profile or the enrolment for that themselves.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { User } from '../../shared/access/roles';
import type { Enrolment, Profile } from '../store/meta-keys';
import { useServices } from './services';

/**
 * The name and office the server granted this device with its enrolment code, or null
 * before enrolment (or for an enrolment made before codes named a user). Once enrolled
 * they are the device's identity: the server stamps them on every change, so the
 * screens show them as text and never let them be typed.
 */
export function enrolledIdentity(enrolment: Enrolment | undefined): { userName: string; office: string } | null {
  const userName = enrolment?.userName?.trim() ?? '';
  if (enrolment === undefined || userName === '') return null;
  return { userName, office: enrolment.office };
}

/**
 * The user of a profile and an enrolment. A device that is not enrolled, or was
 * enrolled before the server granted roles, acts as a field monitor. The name and office
 * are the enrolment's (the server holds the device to them), else the profile's. No
 * name, no user: records and reviews must say who made them.
 */
export function userOf(profile: Profile | undefined, enrolment: Enrolment | undefined): User | null {
  const name = enrolledIdentity(enrolment)?.userName ?? profile?.author.trim() ?? '';
  if (name === '') return null;
  return {
    name,
    role: enrolment?.role ?? 'field_monitor',
    office: enrolment?.office ?? profile?.office.trim() ?? '',
  };
}

export interface CurrentUserState {
  /** False until the profile and enrolment have been read: not yet "nobody". */
  loaded: boolean;
  user: User | null;
}

/** The current user, kept up to date as the profile or the enrolment changes. */
export function useCurrentUserState(): CurrentUserState {
  const { store } = useServices();
  const meta = useLiveQuery(() => Promise.all([store.getMeta('profile'), store.getMeta('enrolment')]), [store]);
  if (meta === undefined) return { loaded: false, user: null };
  return { loaded: true, user: userOf(meta[0], meta[1]) };
}

/** The current user, or null while loading or before a name has been entered. */
export function useCurrentUser(): User | null {
  return useCurrentUserState().user;
}

/** The enrolled user and office (null before enrolment), kept up to date; `loaded` false until read. */
export function useEnrolledIdentity(): { loaded: boolean; identity: { userName: string; office: string } | null } {
  const { store } = useServices();
  const enrolment = useLiveQuery(async () => (await store.getMeta('enrolment')) ?? null, [store]);
  if (enrolment === undefined) return { loaded: false, identity: null };
  return { loaded: true, identity: enrolledIdentity(enrolment ?? undefined) };
}
