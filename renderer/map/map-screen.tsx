import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useServices } from '../app/services';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import { locationLabel, positionOf } from '../observations/observation-labels';
import type { MapPoint } from './map-point';
import { RouteMap } from './route-map';

/** The Map screen: the offline basemap, the gazetteer and the recorded observations. */
export function MapScreen() {
  const { store, places, placesById } = useServices();
  const records = useLiveQuery(() => store.listObservations(), [store]);
  const points = useMemo<MapPoint[]>(() => {
    const out: MapPoint[] = [];
    for (const record of records ?? []) {
      const at = positionOf(record, placesById);
      if (!at) continue;
      out.push({
        id: record.id,
        lat: at.lat,
        lon: at.lon,
        kind: record.kind,
        persons: record.totalPersons,
        title: `${t(`codelist.kind.${record.kind}`)} · ${locationLabel(record, placesById)} · ${formatNumber(record.totalPersons)}`,
        subtitle: `${formatDateTime(record.observedStart)} — ${record.summary}`,
      });
    }
    return out;
  }, [records, placesById]);
  return (
    <section className="screen map-screen" aria-label={t('nav.map')}>
      <RouteMap places={places} points={points} className="main-map" ariaLabel={t('nav.map')} />
    </section>
  );
}
