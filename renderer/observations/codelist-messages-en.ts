/**
 * English labels of every codelist value of the observation record
 * (shared/observations/codelists.ts), keyed `codelist.<list>.<code>`, plus the
 * nationality codes the ISO country names do not cover (`codelist.nationality.*`)
 * and the countries of the gazetteer's places (`codelist.country.<ISO alpha-2>`).
 *
 * Labels are plain text: no markup, no placeholders. The `satisfies` clause makes a
 * missing label, or a label for a code that no longer exists, a type error.
 */
import type { CodelistMessageKey, ExtraNationalityMessageKey } from '../i18n/codelist-label';

export const codelistMessagesEn = {
  'codelist.kind.group_sighting': 'Group sighting',
  'codelist.kind.point_count': 'Point count',
  'codelist.kind.site_snapshot': 'Site snapshot',
  'codelist.kind.incident': 'Incident',
  'codelist.kind.border_status': 'Border status',
  'codelist.kind.route_report': 'Route report',
  'codelist.kind.secondary_source': 'Secondary source',

  'codelist.mission.RS': 'Serbia',
  'codelist.mission.MK': 'North Macedonia',
  'codelist.mission.BA': 'Bosnia and Herzegovina',
  'codelist.mission.AL': 'Albania',
  'codelist.mission.ME': 'Montenegro',
  'codelist.mission.XK': 'Kosovo*',
  'codelist.mission.HQ': 'Headquarters',

  'codelist.reviewStatus.draft': 'Draft',
  'codelist.reviewStatus.submitted': 'Submitted',
  'codelist.reviewStatus.verified': 'Verified',
  'codelist.reviewStatus.returned': 'Returned',
  'codelist.reviewStatus.rejected': 'Rejected',

  'codelist.locationMethod.gazetteer': 'Chosen from the list of places',
  'codelist.locationMethod.map_click': 'Clicked on the map',
  'codelist.locationMethod.typed': 'Coordinates typed in',
  'codelist.locationMethod.gps': 'GPS of the device',

  'codelist.placeKind.border_crossing': 'Border crossing point',
  'codelist.placeKind.green_border': 'Green border (outside crossing points)',
  'codelist.placeKind.transit_centre': 'Transit centre',
  'codelist.placeKind.reception_centre': 'Reception centre',
  'codelist.placeKind.asylum_centre': 'Asylum centre',
  'codelist.placeKind.informal_camp': 'Informal camp or squat',
  'codelist.placeKind.city': 'City or town',

  'codelist.timePrecision.exact': 'Exact time',
  'codelist.timePrecision.hour': 'To the hour',
  'codelist.timePrecision.day': 'Day only (time not known)',

  'codelist.locationPrecision.exact': 'Exact point',
  'codelist.locationPrecision.within_1km': 'Within 1 km',
  'codelist.locationPrecision.settlement': 'Settlement (town or village)',
  'codelist.locationPrecision.municipality': 'Municipality',
  'codelist.locationPrecision.region': 'Region',

  'codelist.direction.incoming': 'Incoming (entering the country)',
  'codelist.direction.outgoing': 'Outgoing (leaving the country)',
  'codelist.direction.transit': 'In transit through the country',
  'codelist.direction.stationary': 'Staying in place',
  'codelist.direction.returned_pushed_back': 'Returned or pushed back',
  'codelist.direction.unknown': 'Unknown',

  'codelist.transportMode.on_foot': 'On foot',
  'codelist.transportMode.car': 'Car',
  'codelist.transportMode.van': 'Van',
  'codelist.transportMode.truck': 'Truck or lorry',
  'codelist.transportMode.bus': 'Bus',
  'codelist.transportMode.train': 'Train',
  'codelist.transportMode.taxi': 'Taxi',
  'codelist.transportMode.boat': 'Boat',
  'codelist.transportMode.other': 'Other',

  'codelist.crossingType.official_crossing': 'Official border crossing',
  'codelist.crossingType.green_border': 'Green border (outside crossing points)',
  'codelist.crossingType.river': 'Across a river',

  'codelist.facilitator.none_observed': 'None observed',
  'codelist.facilitator.suspected_smuggler': 'Suspected smuggler',
  'codelist.facilitator.confirmed_smuggler': 'Confirmed smuggler',
  'codelist.facilitator.unknown': 'Unknown',

  'codelist.countMethod.exact_count': 'Exact count (counted on site)',
  'codelist.countMethod.estimate': 'Estimate',
  'codelist.countMethod.official_figure': 'Official figure from the authorities',
  'codelist.countMethod.key_informant': 'Key informant',
  'codelist.countMethod.media': 'Media report',

  'codelist.nationalityBasis.declared': 'Declared by the person',
  'codelist.nationalityBasis.documented': 'Seen in documents',
  'codelist.nationalityBasis.perceived': 'Perceived by the monitor',

  'codelist.vulnerability.unaccompanied_child': 'Unaccompanied child',
  'codelist.vulnerability.separated_child': 'Separated child',
  'codelist.vulnerability.pregnant_or_lactating': 'Pregnant or breastfeeding woman',
  'codelist.vulnerability.disability': 'Person with a disability',
  'codelist.vulnerability.serious_medical_condition': 'Serious medical condition',
  'codelist.vulnerability.older_person': 'Older person',
  'codelist.vulnerability.single_parent': 'Single parent with children',
  'codelist.vulnerability.survivor_of_violence': 'Survivor of violence',
  'codelist.vulnerability.lgbtiq': 'LGBTIQ+ person',

  'codelist.borderStatus.open': 'Open',
  'codelist.borderStatus.restricted': 'Restricted',
  'codelist.borderStatus.closed': 'Closed',

  'codelist.incidentType.pushback': 'Pushback across the border',
  'codelist.incidentType.violence': 'Violence',
  'codelist.incidentType.death': 'Death',
  'codelist.incidentType.missing': 'Missing person',
  'codelist.incidentType.detention': 'Detention',
  'codelist.incidentType.extortion_theft': 'Extortion or theft',
  'codelist.incidentType.smuggling_interdiction': 'Smuggling stopped by the authorities',
  'codelist.incidentType.other': 'Other',

  'codelist.incidentActor.state': 'State actor (police, border guards, army)',
  'codelist.incidentActor.non_state': 'Non-state actor (smugglers, criminal groups, others)',
  'codelist.incidentActor.unknown': 'Unknown',

  // IOM flow-monitoring questions, asked about the journey.
  'codelist.traffickingIndicator.iom_unpaid_work':
    'During the journey, did you work or do other activities without getting the expected payment?',
  'codelist.traffickingIndicator.iom_forced_work':
    'During the journey, were you forced to work or do other activities against your will?',
  'codelist.traffickingIndicator.iom_job_offer': 'During the journey, did anyone approach you with an offer of employment?',
  'codelist.traffickingIndicator.iom_marriage_offer':
    'During the journey, did anyone approach you with an offer of an arranged marriage, for you or a family member?',
  'codelist.traffickingIndicator.iom_held_against_will':
    'During the journey, were you kept somewhere against your will by anyone other than the authorities?',
  // ILO dimensions of forced labour and trafficking.
  'codelist.traffickingIndicator.ilo_deceptive_recruitment':
    'Deceptive recruitment: deceived about the work, pay, conditions or destination',
  'codelist.traffickingIndicator.ilo_coercive_recruitment': 'Coercive recruitment: abducted, sold or forced into the work',
  'codelist.traffickingIndicator.ilo_abusive_recruitment':
    'Recruitment by abuse of vulnerability: debt, dependency, lack of papers or other hardship used to recruit',
  'codelist.traffickingIndicator.ilo_exploitative_conditions':
    'Exploitative conditions of work: excessive hours, no or very low pay, degrading or dangerous conditions',
  'codelist.traffickingIndicator.ilo_coercion_at_destination':
    'Coercion at destination: threats, violence, confinement, confiscated documents or debt bondage',
  'codelist.traffickingIndicator.ilo_abuse_of_vulnerability_at_destination':
    'Abuse of vulnerability at destination: irregular status, isolation or dependency used to keep the person working',

  'codelist.sourceType.direct_observation': 'Direct observation by our staff',
  'codelist.sourceType.authorities': 'Authorities',
  'codelist.sourceType.un_or_international_organisation': 'UN agency or international organisation',
  'codelist.sourceType.ngo': 'NGO',
  'codelist.sourceType.key_informant': 'Key informant',
  'codelist.sourceType.migrant_testimony': 'Testimony of a person on the move',
  'codelist.sourceType.media': 'Media',

  'codelist.sourceReliability.A': 'A – Completely reliable',
  'codelist.sourceReliability.B': 'B – Usually reliable',
  'codelist.sourceReliability.C': 'C – Fairly reliable',
  'codelist.sourceReliability.D': 'D – Not usually reliable',
  'codelist.sourceReliability.E': 'E – Unreliable',
  'codelist.sourceReliability.F': 'F – Reliability cannot be judged',

  'codelist.informationCredibility.1': '1 – Confirmed by other sources',
  'codelist.informationCredibility.2': '2 – Probably true',
  'codelist.informationCredibility.3': '3 – Possibly true',
  'codelist.informationCredibility.4': '4 – Doubtful',
  'codelist.informationCredibility.5': '5 – Improbable',
  'codelist.informationCredibility.6': '6 – Truth cannot be judged',

  'codelist.classification.internal': 'Internal',
  'codelist.classification.restricted': 'Restricted',
  'codelist.classification.shareable_with_partners': 'Shareable with partners',
  'codelist.classification.public': 'Public',

  'codelist.summaryLanguage.en': 'English',
  'codelist.summaryLanguage.sr-Latn': 'Serbian (Latin script)',
  'codelist.summaryLanguage.sr-Cyrl': 'Serbian (Cyrillic script)',
  'codelist.summaryLanguage.mk': 'Macedonian',
  'codelist.summaryLanguage.sq': 'Albanian',
  'codelist.summaryLanguage.bs': 'Bosnian',
  'codelist.summaryLanguage.hr': 'Croatian',
  'codelist.summaryLanguage.other': 'Other language',

  // Nationality codes outside ISO 3166-1 (ICAO Doc 9303); the rest come from i18n-iso-countries.
  'codelist.nationality.XKX': 'Kosovo*',
  'codelist.nationality.XXA': 'Stateless',
  'codelist.nationality.XXX': 'Unspecified nationality',

  // Countries of the gazetteer's places.
  'codelist.country.GR': 'Greece',
  'codelist.country.MK': 'North Macedonia',
  'codelist.country.RS': 'Serbia',
  'codelist.country.XK': 'Kosovo*',
  'codelist.country.BA': 'Bosnia and Herzegovina',
  'codelist.country.ME': 'Montenegro',
  'codelist.country.AL': 'Albania',
  'codelist.country.HR': 'Croatia',
  'codelist.country.SI': 'Slovenia',
  'codelist.country.HU': 'Hungary',
  'codelist.country.AT': 'Austria',
} as const satisfies Record<CodelistMessageKey | ExtraNationalityMessageKey, string> &
  Record<`codelist.country.${string}`, string>;
