/** English strings of the report's map section (report-map-section.tsx). */
export const reportMapMessagesEn = {
  'report.map.title': 'Map',
  'report.map.copiedCaption': 'Map as shown on {time}.',
  'report.map.ownCaption':
    'Observations of the period at their places, circles sized by the persons counted and coloured by kind. Arrows: persons seen moving between places and countries, wider for more (key on the map).',
  'report.map.flowsLegend': 'Persons seen moving, from → to',
  'report.map.flowsShort_one': '{count} flow between places too close to draw at this scale',
  'report.map.flowsShort_other': '{count} flows between places too close to draw at this scale',
  'report.map.remove': 'Remove map from report',
  'report.map.removed': 'The copied map was removed; the report draws its own map of the period.',
  'report.map.imageAlt': 'The map as copied from the Map screen',
  'report.map.groupWhen_one': '{count} observation, {from} – {to}',
  'report.map.groupWhen_other': '{count} observations, {from} – {to}',
  'report.map.ariaLabel': 'Map of the observations in the report period',
  'report.map.hint': 'To show the map as you set it up instead, use "Copy map as image" on the Map screen.',
} as const;
