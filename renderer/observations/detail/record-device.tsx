/**
 * Which device a record was recorded on, by name: this device's name when it is this
 * device, otherwise "another device" with its id in small text. Other devices' names
 * are not known here, and none is invented.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import { t } from '../../i18n/i18n';

export type DeviceDisplay = { kind: 'this'; name: string | null } | { kind: 'other'; id: string };

export function deviceDisplay(device: string, localDeviceId: string | undefined, deviceName: string | undefined): DeviceDisplay {
  if (localDeviceId !== undefined && device === localDeviceId) return { kind: 'this', name: deviceName?.trim() || null };
  return { kind: 'other', id: device };
}

export function RecordDevice({ device }: { device: string }) {
  const { store } = useServices();
  const meta = useLiveQuery(() => Promise.all([store.getMeta('identity'), store.getMeta('enrolment')]), [store]);
  if (meta === undefined) return null;
  const shown = deviceDisplay(device, meta[0]?.localDeviceId, meta[1]?.deviceName);
  if (shown.kind === 'this') {
    return <span data-testid="record-device">{shown.name === null ? t('detail.device.this') : t('detail.device.thisNamed', { name: shown.name })}</span>;
  }
  return (
    <span data-testid="record-device">
      {t('detail.device.other')} <span className="muted small">{t('detail.device.id', { id: shown.id })}</span>
    </span>
  );
}
