/**
 * The fields of a stored record the server withheld from this device and the device
 * holds no value for (renderer/store/withheld-fields.ts), read live: a sync that brings
 * the record whole, or withholds again, changes what the form shows.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import { blindWithheld } from '../../store/withheld-fields';

const NONE: ReadonlySet<string> = new Set();

/** The blind withheld paths of the record `recordId` (none for a new record, or until read). */
export function useWithheldFields(recordId: string | null): ReadonlySet<string> {
  const { store } = useServices();
  const paths = useLiveQuery(async () => {
    if (recordId === null) return [];
    const [record, withheld] = await Promise.all([store.getObservation(recordId), store.withheldFields(recordId)]);
    return record === undefined ? [] : blindWithheld(record, withheld);
  }, [store, recordId]);
  return paths === undefined || paths.length === 0 ? NONE : new Set(paths);
}
