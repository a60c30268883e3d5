/** "Needs attention": changes the server refused, why, and what to do. */
export const attentionMessagesEn = {
  'nav.attention': 'Needs attention',
  'nav.attentionCount': 'Needs attention ({count})',

  'attention.title': 'Needs attention',
  'attention.intro':
    'The server refused these changes. They are kept on this device and the rest of your changes keep syncing. Fix each one and resend it, or export them to send to headquarters another way.',
  'attention.empty': 'Nothing needs attention: no change on this device waits after a refusal by the server.',
  'attention.loading': 'Reading the refused changes…',
  'attention.count_one': '{count} refused change',
  'attention.count_other': '{count} refused changes',
  'attention.what': 'What was refused',
  'attention.whatDeleted': 'Deletion refused',
  'attention.why': 'Why',
  'attention.serverSaid': 'Server message: {message}',
  'attention.refusedAt': 'Refused {time}',
  'attention.observed': 'Observed {time}',
  'attention.noSummary': '(no summary)',
  'attention.deleted': 'This change deletes the record. Export it and ask your supervisor.',
  'attention.otherIdentity': 'It cannot be edited and resent from this device as it is now enrolled. Export the waiting changes and send the file to headquarters.',
  'attention.editResend': 'Edit and resend',
  'attention.editResendLabel': 'Edit and resend: {record}',

  'export.button': 'Export waiting changes',
  'export.help': 'Saves every change not yet accepted by the server (waiting and refused) as a JSON file.',
  'export.saved': 'Downloading {file}: {pending} waiting and {attention} refused changes. It goes to your downloads, or where you choose to keep it.',
  'export.failed': 'The export could not be made: {message}',

  'changeRefusal.forbidden':
    'Your role does not allow this change (for example editing another person’s record, or reviewing your own). Ask your supervisor to make it, or edit the record back and resend.',
  'changeRefusal.identity_mismatch':
    'This change was made under another user or office than the one this device is now enrolled for, so the server does not take it from this device. Export it and send the file to headquarters, or have the device enrolled again for that user.',
  'changeRefusal.invalid_record': 'The server found a value it cannot accept in this record. Open it, correct the fields the form marks, and resend.',
  'changeRefusal.invalid_stamp':
    'The change times stored with this record could not be believed. Press Edit and resend, then Submit changes: every change time the server cannot take is stamped again from this device’s clock. If it is refused again, export the waiting changes and send the file to your administrator.',
  'changeRefusal.clock_skew':
    'This device’s clock was far ahead of the server’s when the change was made. Correct this device’s date and time, then press Edit and resend and Submit changes: the change is stamped again with the corrected time. If the observation time was taken from the wrong clock, the form marks it: correct it too.',
  'changeRefusal.record_too_large': 'This record is too large to send. Shorten the summary or notes, then resend it.',
  'changeRefusal.change_id_conflict':
    'This change was sent under an identifier already used for another record. Open the record and resend it; if it is refused again, export the waiting changes and send the file to your administrator.',
} as const;
