import './report-map.css';
import { useMemo, useState } from 'react';
import type { ObservationKind } from '../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import { formatDateTime, t } from '../i18n/i18n';
import { KIND_COLOURS } from '../map/kind-colours';
import type { PointStyle } from '../map/points/point-layer';
import type { GivenFlows } from '../map/route-map';
import { RouteMap } from '../map/route-map';
import { reportFlows } from './map/report-flows';
import type { ReportMapPoint } from './report-map-points';
import type { ReportMapImageStore } from './report-map-image';
import { reportMapImageStore, useReportMapImage } from './report-map-image';

/**
 * The records' points smaller and lighter than on the Map screen: a place holds a
 * month's records on one spot, and full-size points there hid the arrows' ends.
 */
const REPORT_POINT_STYLE: PointStyle = { maxRadius: 10, fillOpacity: 0.4 };

export interface ReportMapSectionProps {
  places: readonly Place[];
  /** The report period's counted records as points, alike ones grouped (reportMapPoints); their movements make the flows. */
  points: readonly ReportMapPoint[];
  /** The session's copied map image; the app's one by default (tests pass their own). */
  imageStore?: ReportMapImageStore;
}

/**
 * The report's "Map" section. When the user copied the map this session, the report
 * shows that picture (the map as they set it up: layers, zoom, period) with the time it
 * was taken and a control to remove it; otherwise it draws its own small map of the
 * period: the bundled basemap, the period's observations and the flows between places
 * of its persons seen moving, with the flows' width key on the map (so that the DOCX's
 * snapshot of the map carries it too). No tiles, so the report renders offline either
 * way; arrows and key are SVG and text, sharp in print.
 */
export function ReportMapSection({ places, points, imageStore = reportMapImageStore }: ReportMapSectionProps) {
  const image = useReportMapImage(imageStore);
  const [removed, setRemoved] = useState(false);
  const kinds = useMemo(() => kindsIn(points), [points]);
  const flows = useMemo<GivenFlows>(
    // Bottom left: the Adriatic and Italy, clear of the route's places.
    () => ({
      flows: reportFlows(points),
      legendTitle: t('report.map.flowsLegend'),
      legendPosition: 'bottomleft',
      legendShort: (count: number) => t('report.map.flowsShort', { count }),
    }),
    [points],
  );

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
          <RouteMap
            places={places}
            points={points}
            pointStyle={REPORT_POINT_STYLE}
            givenFlows={flows}
            className="report-map"
            ariaLabel={t('report.map.ariaLabel')}
          />
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
function kindsIn(points: readonly ReportMapPoint[]): ObservationKind[] {
  const present = new Set(points.map((point) => point.kind));
  return OBSERVATION_KINDS.filter((kind) => present.has(kind));
}
