import './report-map.css';
import { useMemo, useState } from 'react';
import type { ObservationKind } from '../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import { formatDateTime, t } from '../i18n/i18n';
import { KIND_COLOURS } from '../map/kind-colours';
import type { MapPoint } from '../map/points/map-point';
import { RouteMap } from '../map/route-map';
import type { ReportMapImageStore } from './report-map-image';
import { reportMapImageStore, useReportMapImage } from './report-map-image';

export interface ReportMapSectionProps {
  places: readonly Place[];
  /** The report period's observations (reportMapPoints). */
  points: readonly MapPoint[];
  /** The session's copied map image; the app's one by default (tests pass their own). */
  imageStore?: ReportMapImageStore;
}

/**
 * The report's "Map" section. When the user copied the map this session, the report
 * shows that picture (the map as they set it up: layers, zoom, period) with the time it
 * was taken and a control to remove it; otherwise it draws its own small map of the
 * period: the bundled basemap and the period's observations, no tiles, so the report
 * renders offline either way.
 */
export function ReportMapSection({ places, points, imageStore = reportMapImageStore }: ReportMapSectionProps) {
  const image = useReportMapImage(imageStore);
  const [removed, setRemoved] = useState(false);
  const kinds = useMemo(() => kindsIn(points), [points]);

  return (
    // The report document's "Map" section gives the heading; this is its picture.
    <div className="report-map-section" data-testid="report-map">
      {image ? (
        <figure className="report-map-figure" data-testid="report-map-copied">
          <img
            className="report-map-image"
            src={image.url}
            width={image.width}
            height={image.height}
            alt={t('report.map.imageAlt')}
          />
          <figcaption>{t('report.map.copiedCaption', { time: formatDateTime(image.takenAt) })}</figcaption>
          <button
            type="button"
            className="secondary no-print report-map-remove"
            onClick={() => {
              imageStore.set(null);
              setRemoved(true);
            }}
          >
            {t('report.map.remove')}
          </button>
        </figure>
      ) : (
        <figure className="report-map-figure" data-testid="report-map-own">
          <RouteMap places={places} points={points} className="report-map" ariaLabel={t('report.map.ariaLabel')} />
          <figcaption>
            {t('report.map.ownCaption')}
            {kinds.length > 0 && (
              <span className="report-map-kinds">
                {kinds.map((kind) => (
                  <span key={kind} className="report-map-kind">
                    <span className="report-map-swatch" style={{ backgroundColor: KIND_COLOURS[kind] }} aria-hidden="true" />
                    {t(`codelist.kind.${kind}`)}
                  </span>
                ))}
              </span>
            )}
            <span className="report-map-footnote">
              {t('map.attribution.boundaries')}. {t('map.footnote.kosovo')}
            </span>
          </figcaption>
          <p className="no-print report-map-hint">{t('report.map.hint')}</p>
        </figure>
      )}
      {removed && !image && (
        <p role="status" className="no-print">
          {t('report.map.removed')}
        </p>
      )}
    </div>
  );
}

/** The kinds drawn, in the codelist's order, for the caption's key. */
function kindsIn(points: readonly MapPoint[]): ObservationKind[] {
  const present = new Set(points.map((point) => point.kind));
  return OBSERVATION_KINDS.filter((kind) => present.has(kind));
}
