/** The saved areas with their download state, size on disk, and Cancel / Resume / Delete. */
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate, t } from '../../i18n/i18n';
import { formatBytes } from './tile-format';
import type { TileAreaRow } from './tile-area-store';
import type { TileServices } from './tile-services';
import { readTileSettings, tileSources } from './tile-settings';

function stateText(row: TileAreaRow): string {
  if (row.state === 'running') return t('tiles.areas.state.running');
  if (row.state === 'complete') return t('tiles.areas.state.complete');
  return t(`tiles.areas.stop.${row.stopReason ?? 'none'}`);
}

export function SavedAreasList({ services }: { services: TileServices }) {
  const rows = useLiveQuery(() => services.areas.list(), [services]);
  if (rows === undefined) return null;
  if (rows.length === 0) return <p className="rw-save-area-note muted">{t('tiles.areas.none')}</p>;
  const sources = tileSources(readTileSettings());
  return (
    <ul className="rw-saved-areas" aria-label={t('tiles.areas.title')}>
      {rows.map((row) => {
        const done = row.cached + row.failed;
        const sourceName = sources.find((s) => s.id === row.sourceId)?.name ?? row.sourceId;
        return (
          <li key={row.id} className="rw-saved-area" data-area-state={row.state}>
            <div className="rw-saved-area-name">{row.name}</div>
            <div className="rw-saved-area-facts">
              {sourceName} · {t('tiles.areas.zooms', { min: row.minZoom, max: row.maxZoom })} ·{' '}
              {t('tiles.areas.tiles', { done, total: row.total })} · <span data-testid="area-size">{t('tiles.areas.size', { size: formatBytes(row.bytes) })}</span> ·{' '}
              {formatDate(row.createdAt)}
            </div>
            {row.state !== 'complete' && (
              <progress max={row.total} value={row.nextIndex} aria-label={t('tiles.areas.progress', { name: row.name })} />
            )}
            <div className="rw-saved-area-facts" role="status">
              {stateText(row)}
              {row.failed > 0 && ` ${t('tiles.areas.state.failed', { count: row.failed })}`}
            </div>
            <div className="rw-save-area-actions">
              {row.state === 'running' ? (
                <button type="button" className="secondary" onClick={() => void services.downloads.cancel(row.id)}>
                  {t('tiles.areas.cancel')}
                </button>
              ) : (
                row.state === 'stopped' && (
                  <button type="button" className="secondary" onClick={() => void services.downloads.start(row.id)}>
                    {t('tiles.areas.resume')}
                  </button>
                )
              )}
              <button type="button" className="secondary danger" aria-label={t('tiles.areas.deleteLabel', { name: row.name })} onClick={() => void services.downloads.remove(row.id)}>
                {t('tiles.areas.delete')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
