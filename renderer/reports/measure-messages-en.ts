/**
 * English strings of the measures (shared/reports/): the same words on the map's header,
 * its cluster badges, the list's totals and the situation report, so that a figure is
 * named the same wherever it is shown.
 */
export const measureMessagesEn = {
  'measure.observations_one': '{count} observation',
  'measure.observations_other': '{count} observations',
  'measure.moving_one': '{count} person seen moving',
  'measure.moving_other': '{count} persons seen moving',
  'measure.atSites': '{count} at sites (latest count)',
  'measure.countsHelp':
    'Persons seen moving: the head counts of group sightings and point counts; a group seen at several places is counted at each. At sites: the latest count of each site in the period, added over the sites (never over days). Incidents and official figures are not added to either.',
  'measure.tooltip.moving': 'Persons seen moving: {persons} ({records})',
  'measure.tooltip.atSites': 'At sites: {persons} (latest count of {sites})',
  'measure.tooltip.incidents_one': '{count} incident',
  'measure.tooltip.incidents_other': '{count} incidents',
  'measure.tooltip.official_one': '{count} official figure (not added)',
  'measure.tooltip.official_other': '{count} official figures (not added)',
  'measure.tooltip.other_one': '{count} record without a head count',
  'measure.tooltip.other_other': '{count} records without a head count',
  'measure.sites_one': '{count} site',
  'measure.sites_other': '{count} sites',
  'measure.badge.moving': 'persons seen moving',
  'measure.badge.atSites': 'at sites (latest count)',
  'measure.badge.records': 'records, no persons moving or at sites',
} as const;
