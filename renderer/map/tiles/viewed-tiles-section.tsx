/**
 * The viewed-tile cache in Settings: its size and count, its size limit, and "Clear
 * viewed tiles" behind a confirmation step. Saved areas are neither counted nor cleared.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useState } from 'react';
import type { ViewedTilesUsage } from '../../../shared/tiles/viewed-tiles';
import { t } from '../../i18n/i18n';
import { formatBytes } from './tile-format';
import type { TileServices } from './tile-services';
import { readTileSettings, updateTileSettings } from './tile-settings';

/** The limits offered, in MB; a stored limit that is not among them is offered too. */
const LIMIT_CHOICES_MB = [50, 100, 200, 500, 1000, 2000, 5000] as const;

type Count = { state: 'counting' } | { state: 'failed' } | { state: 'done'; usage: ViewedTilesUsage };

export function ViewedTilesSection({ services }: { services: TileServices }) {
  const id = useId();
  const [count, setCount] = useState<Count>({ state: 'counting' });
  const [limitMb, setLimitMb] = useState(() => readTileSettings().viewedLimitMb);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Recounted when an area is saved or deleted (its tiles stop or start counting as viewed),
  // not on every progress record of a download.
  const areaIds = useLiveQuery(async () => (await services.areas.list()).map((area) => area.id).join(','), [services]);

  const recount = useCallback(() => {
    let current = true;
    setCount({ state: 'counting' });
    services.viewed.usage().then(
      (usage) => current && setCount({ state: 'done', usage }),
      (error: unknown) => {
        console.error('Could not count the viewed tiles', error);
        if (current) setCount({ state: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [services]);
  useEffect(() => (areaIds === undefined ? undefined : recount()), [areaIds, recount]);

  async function changeLimit(mb: number) {
    setNotice(null);
    setLimitMb(mb);
    updateTileSettings((s) => ({ ...s, viewedLimitMb: mb }));
    setBusy(true);
    try {
      const result = await services.viewed.check();
      setCount({ state: 'done', usage: result.left });
      if (result.removed.count > 0) setNotice(t('tiles.viewed.trimmed', { count: result.removed.count, size: formatBytes(result.removed.bytes) }));
    } catch (error) {
      console.error('Could not trim the viewed tiles', error);
      setCount({ state: 'failed' });
    } finally {
      setBusy(false);
    }
  }

  async function clear() {
    setConfirming(false);
    setBusy(true);
    try {
      const result = await services.viewed.clear();
      setCount({ state: 'done', usage: result.left });
      setNotice(t('tiles.viewed.cleared', { count: result.removed.count, size: formatBytes(result.removed.bytes) }));
    } catch (error) {
      console.error('Could not clear the viewed tiles', error);
      setNotice(t('tiles.viewed.clearFailed'));
    } finally {
      setBusy(false);
    }
  }

  const choices = LIMIT_CHOICES_MB.some((mb) => mb === limitMb) ? [...LIMIT_CHOICES_MB] : [...LIMIT_CHOICES_MB, limitMb].sort((a, b) => a - b);
  const usage = count.state === 'done' ? count.usage : null;

  return (
    <div className="rw-viewed-tiles" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>{t('tiles.viewed.title')}</h3>
      <p className="muted">{t('tiles.viewed.help')}</p>
      <p data-testid="viewed-tiles-usage" data-viewed-bytes={usage?.bytes} data-viewed-count={usage?.count}>
        {usage !== null
          ? t('tiles.viewed.usage', { count: usage.count, size: formatBytes(usage.bytes) })
          : t(count.state === 'failed' ? 'tiles.viewed.countFailed' : 'tiles.viewed.counting')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-limit`}>{t('tiles.viewed.limit')}</label>
        <select id={`${id}-limit`} value={limitMb} disabled={busy} onChange={(e) => void changeLimit(Number(e.target.value))}>
          {choices.map((mb) => (
            <option key={mb} value={mb}>
              {formatBytes(mb * 1_000_000)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="secondary danger" disabled={busy || confirming || usage === null || usage.count === 0} onClick={() => setConfirming(true)}>
        {t('tiles.viewed.clear')}
      </button>
      {confirming && usage !== null && (
        <div className="confirm-panel" role="alertdialog" aria-labelledby={`${id}-confirm`} aria-describedby={`${id}-confirm-text`}>
          <h2 id={`${id}-confirm`}>{t('tiles.viewed.confirmTitle')}</h2>
          <p id={`${id}-confirm-text`}>{t('tiles.viewed.confirmText', { count: usage.count, size: formatBytes(usage.bytes) })}</p>
          <div className="button-row">
            <button type="button" className="primary danger" onClick={() => void clear()}>
              {t('tiles.viewed.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
              {t('tiles.viewed.cancel')}
            </button>
          </div>
        </div>
      )}
      {notice !== null && (
        <p className="notice" aria-live="polite" data-testid="viewed-tiles-notice">
          {notice}
        </p>
      )}
    </div>
  );
}
