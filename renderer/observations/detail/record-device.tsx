/**
 * Which device a record was recorded on, by name: this device's name when it is this
 * device; another device's name as the server gave it with a pulled page (the server
 * binds the id a record carries to the enrolled device that first sent a record under
 * it: server/domain/record-devices.ts); otherwise "another device" with its id in small
 * text. No name is invented, and none is taken from the record itself.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import { t } from '../../i18n/i18n';
import type { DeviceNames } from '../../store/meta-keys';

export type DeviceDisplay = { kind: 'this'; name: string | null } | { kind: 'named'; name: string } | { kind: 'other'; id: string };

export function deviceDisplay(device: string, localDeviceId: string | undefined, deviceName: string | undefined, known: DeviceNames = []): DeviceDisplay {
  if (localDeviceId !== undefined && device === localDeviceId) return { kind: 'this', name: deviceName?.trim() || null };
  const name = known.find((entry) => entry.localId === device)?.name.trim();
  if (name !== undefined && name !== '') return { kind: 'named', name };
  return { kind: 'other', id: device };
}

export function RecordDevice({ device }: { device: string }) {
  const { store } = useServices();
  const meta = useLiveQuery(() => Promise.all([store.getMeta('identity'), store.getMeta('enrolment'), store.getMeta('deviceNames')]), [store]);
  if (meta === undefined) return null;
  const shown = deviceDisplay(device, meta[0]?.localDeviceId, meta[1]?.deviceName, meta[2]);
  if (shown.kind === 'this') {
    return <span data-testid="record-device">{shown.name === null ? t('detail.device.this') : t('detail.device.thisNamed', { name: shown.name })}</span>;
  }
  if (shown.kind === 'named') return <span data-testid="record-device">{shown.name}</span>;
  return (
    <span data-testid="record-device">
      {t('detail.device.other')} <span className="muted small">{t('detail.device.id', { id: shown.id })}</span>
    </span>
  );
}
