/** Roles, who the user is, and why the rule book (shared/access/roles.ts) says no, in words. */
export const accessMessagesEn = {
  'role.field_monitor': 'Field monitor',
  'role.supervisor': 'Supervisor',
  'role.hq_analyst': 'HQ analyst',
  'role.administrator': 'Administrator',

  'user.title': 'Who uses this device',
  'user.name': 'Your name',
  'user.nameHelp': 'Records you make and reviews you give carry this name.',
  'user.save': 'Save name',
  'user.saved': 'Name saved.',
  'user.nameRequired': 'Enter your name.',
  'user.role': 'Role: {role}',
  'user.office': 'Office: {office}',
  'user.nameLabel': 'Name',
  'user.officeLabel': 'Office',
  'user.fromEnrolment': 'Set by headquarters with the enrolment code: records and reviews made on this device carry this name and office.',
  'user.notEnrolled': 'This device is not enrolled: it acts as a field monitor until it is. The role comes with the enrolment code.',

  'access.reason.noName': 'Enter your name first (under Device & sync).',
  'access.reason.role': 'Your role ({role}) does not allow this.',
  'access.reason.office': 'This record belongs to office {office}; you work for {userOffice}.',
  'access.reason.deleted': 'This record has been deleted.',
  'access.reason.notAuthor': 'Only its author, {author}, may do this.',
  'access.reason.state': 'Not possible while the record is {status}.',
  'access.reason.ownRecord.verify': 'You wrote this record; another supervisor must verify it.',
  'access.reason.ownRecord.other': 'You wrote this record; another supervisor must review it.',
} as const;
