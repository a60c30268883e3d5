/**
 * English strings of the map. Country names are keyed by our own ISO codes (see
 * country-names.ts), never by the abbreviated names world-atlas carries.
 */
export const mapMessagesEn = {
  'map.title': 'Map',
  'map.ariaLabel': 'Map of the route with places and observations',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',

  'map.country.GR': 'Greece',
  'map.country.MK': 'North Macedonia',
  'map.country.RS': 'Serbia',
  'map.country.XK': 'Kosovo',
  'map.country.BA': 'Bosnia and Herzegovina',
  'map.country.ME': 'Montenegro',
  'map.country.AL': 'Albania',
  'map.country.HR': 'Croatia',
  'map.country.SI': 'Slovenia',
  'map.country.HU': 'Hungary',
  'map.country.AT': 'Austria',
  'map.country.BG': 'Bulgaria',
  'map.country.RO': 'Romania',
  /** Kosovo's map label carries the marker of the organisation's reference footnote. */
  'map.label.XK': 'Kosovo*',
  'map.footnote.kosovo':
    '*This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.',
  'map.attribution.boundaries': 'Boundaries: Natural Earth',
  'map.basemapUnavailable': 'The basemap could not be loaded.',

  'map.legend.title': 'Legend',
  'map.legend.observations': 'Observations',
  'map.legend.places': 'Places',
  'map.legend.place.crossing': 'Border crossing',
  'map.legend.place.greenBorder': 'Green border',
  'map.legend.place.centre': 'Transit, reception or asylum centre',
  'map.legend.place.camp': 'Informal camp',
  'map.legend.place.city': 'City',

  'map.flows.legend.title': 'Flows (persons)',
  'map.flows.legend.shown': '{shown} of {total} flows shown',
  'map.flows.legend.none': 'No movements between places in this period',
  'map.flows.legend.hidden_one': 'Flows under {count} person hidden',
  'map.flows.legend.hidden_other': 'Flows under {count} persons hidden',
  'map.flows.tooltip.from': 'From',
  'map.flows.tooltip.to': 'To',
  'map.flows.tooltip.persons': 'Persons',
  'map.flows.tooltip.records': 'Records',
  'map.flows.threshold.before': 'Hide flows under',
  'map.flows.threshold.after': 'persons',
} as const;
