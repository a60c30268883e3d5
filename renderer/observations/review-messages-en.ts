/** Why a review action was refused (shared/review/review-transitions.ts, `review.refusal.<code>`). */
export const reviewMessagesEn = {
  'review.refusal.not_allowed': 'Your role does not allow this for this record.',
  'review.refusal.wrong_state': 'The record is not in a state where this can be done.',
  'review.refusal.grades_missing': 'Grade the source reliability and the information credibility before verifying.',
  'review.refusal.own_record': 'You cannot review your own record: another supervisor must.',
  'review.refusal.note_required': 'Write a note saying why.',
  'review.refusal.note_too_long': 'The note is too long (2,000 characters at most).',
  'review.refusal.deleted': 'This record has been deleted.',
} as const;
