/** Messages of the shared validation rules (`shared/observations/observation-rules.ts`). */
import type { CoordinateMessageKey } from '../../shared/geo/coordinates';

export const validationMessagesEn = {
  'validation.breakdownExceedsTotal': 'Men, women, boys and girls add up to more than the total.',
  'validation.breakdownMustEqualTotal': 'With an exact count, men, women, boys and girls must add up to the total.',
  'validation.uascExceedsChildren': 'There cannot be more unaccompanied children than boys and girls.',
  'validation.separatedExceedsChildren': 'There cannot be more separated children than boys and girls.',
  'validation.nationalitiesExceedTotal': 'The nationality counts add up to more than the total.',
  'validation.nationalityCode': 'Choose a nationality from the list.',
  'validation.minAboveMax': 'The lowest estimate is above the highest.',
  'validation.totalOutsideRange': 'The total is outside the estimated range.',
  'validation.endBeforeStart': 'The end is before the start.',
  'validation.fromEqualsTo': 'The group cannot be going to the place it comes from.',
  'validation.incidentTypeRequired': 'Choose the type of incident.',
  'validation.gradeRequired': 'A verified record needs both grades: source reliability and information credibility.',
  'validation.reviewerRequired': 'A verified record needs a reviewer.',
  'validation.selfVerification': 'You cannot verify your own record: another reviewer must.',
  'validation.outsideMission': "This point is outside your mission's area. Check it; you may save it anyway.",
  'validation.overCapacity': 'Occupancy is above capacity. This will be flagged.',

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
