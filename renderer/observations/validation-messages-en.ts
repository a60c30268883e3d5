/** Messages of the shared validation rules (`shared/observations/observation-rules.ts`). */
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
} as const;
