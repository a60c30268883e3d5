/**
 * Messages of the shared validation rules (`shared/observations/observation-rules.ts`,
 * `schema-issue-messages.ts`, `place-rules.ts`). `{field}` is the label of the field the
 * message is shown at (renderer/observations/issue-text.ts puts it in), so that every
 * message says which field is wrong and which rule it breaks.
 */
import type { CoordinateMessageKey } from '../../shared/geo/coordinates';

export const validationMessagesEn = {
  // The schema's rules, for any field (schema-issue-messages.ts).
  'validation.negative': '{field} cannot be negative.',
  'validation.tooSmall': '{field} cannot be less than {min}.',
  'validation.tooBig': '{field} cannot be more than {max}.',
  'validation.notWhole': '{field} must be a whole number.',
  'validation.notNumber': '{field} must be a number.',
  'validation.numberRequired': '{field} needs a number.',
  'validation.required': '{field} is required.',
  'validation.empty': '{field} cannot be empty.',
  'validation.tooShort': '{field} must be at least {min} characters long.',
  'validation.tooLong': '{field} is too long: {length} characters, at most {max}. Nothing was cut: shorten it before submitting.',
  'validation.tooFew': '{field} needs at least {min} entries.',
  'validation.tooMany': '{field} can have at most {max} entries.',
  'validation.notText': '{field} must be text.',
  'validation.wrongShape': '{field} is not in the form the record expects.',
  'validation.notInList': '{field}: choose one of the options in the list.',
  'validation.dateTime': '{field} is not a complete date and time.',
  'validation.countryCode': '{field} must be a two-letter country code such as MK.',
  'validation.format': '{field} is not written the way the record expects.',
  // Kept for a message key from an older version (a stored import report): still names the field.
  'validation.invalid': '{field} is not valid.',
  'validation.invalidField': '{field} is not valid.',

  // Cross-field rules (observation-rules.ts).
  'validation.placeRequired': 'Choose a place from the list or click the map.',
  'validation.inFuture': '{field} is more than 10 minutes in the future. Check the date and time.',
  'validation.officeCode': 'Office codes look like RS-BEL: mission, a dash, the office tag.',
  'validation.breakdownExceedsTotal': 'Men, women, boys and girls add up to more than the total.',
  'validation.breakdownMustEqualTotal': 'With an exact count, men, women, boys and girls must add up to the total.',
  'validation.uascExceedsChildren': 'There cannot be more unaccompanied children than boys and girls.',
  'validation.separatedExceedsChildren': 'There cannot be more separated children than boys and girls.',
  'validation.nationalitiesExceedTotal': 'The nationality counts add up to more than the total persons.',
  'validation.nationalityCode': '{field}: choose a nationality from the list.',
  'validation.minAboveMax': 'The lowest estimate (Range: at least) cannot be above the highest (Range: at most).',
  'validation.totalOutsideRange': 'Total persons must be within the estimated range (Range: at least to Range: at most).',
  'validation.endBeforeStart': 'The end cannot be before the start.',
  'validation.fromEqualsTo': 'The group cannot be going to the place it comes from.',
  'validation.incidentTypeRequired': 'Choose the type of incident.',
  'validation.gradeRequired': 'A verified record needs both grades: source reliability and information credibility.',
  'validation.reviewerRequired': 'A verified record needs a reviewer.',
  'validation.selfVerification': 'You cannot verify your own record: another reviewer must.',

  // Warnings: shown before submitting, the person may submit anyway.
  'validation.outsideMission': "This point is outside your mission's area. Check it; you may save it anyway.",
  'validation.overCapacity': 'Occupancy is above capacity. This will be flagged.',
  'validation.placeInOtherCountry':
    '{place} is in {placeCountry}, but office {office} records in {officeCountry}. Check the place; you may submit anyway.',
  'validation.unusualCount':
    '{total} is far above the usual at {place} (median {median} over the last {days} days, from {records} records; more than {factor} times the median). Check the count; you may submit anyway.',

  // Labels of fields that have none on screen (issue-text.ts names every field of the record).
  'field.latitude': 'Latitude',
  'field.longitude': 'Longitude',
  'field.locationMethod': 'How the location was found',
  'field.country': 'Country of the location',
  'field.reviewer': 'Reviewer',
  'field.reviewedAt': 'Review time',
  'field.reviewNote': 'Review note',
  'field.record': 'The record',
  'field.other': 'Field “{path}”',

  // Typed coordinates (shared/geo/coordinates.ts).
  'validation.coordinates.empty': 'Type the coordinates, for example 42.3361, 21.9037 or 42°20′10″N 21°54′13″E.',
  'validation.coordinates.unrecognised':
    'These coordinates cannot be read. Type them like 42.3361, 21.9037 or 42°20′10″N 21°54′13″E.',
  'validation.coordinates.needBoth': 'Type both the latitude and the longitude.',
  'validation.coordinates.latitudeOutOfRange': 'The latitude must be between 90° south and 90° north (−90 to 90).',
  'validation.coordinates.longitudeOutOfRange': 'The longitude must be between 180° west and 180° east (−180 to 180).',
  'validation.coordinates.minutesOutOfRange': 'Minutes must be less than 60.',
  'validation.coordinates.secondsOutOfRange': 'Seconds must be less than 60.',
  'validation.coordinates.sameAxisTwice': 'One coordinate must be north or south (N, S) and the other east or west (E, W).',
  'validation.coordinates.signAndHemisphere': 'Use a minus sign or a hemisphere letter (S, W), not both.',
} as const satisfies Record<CoordinateMessageKey, string> & Record<string, string>;
