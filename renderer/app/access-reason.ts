/**
 * Why the current user may not take an action on a record, in words: the answer of
 * `check()` (shared/access/roles.ts) for a disabled button to show beside it.
 */
import { check } from '../../shared/access/roles';
import type { AccessSubject, RecordAction, User } from '../../shared/access/roles';
import { codelistLabel } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';

/** `null` when the user may; otherwise the reason, ready to show. */
export function accessReason(user: User | null, action: RecordAction, record: AccessSubject): string | null {
  if (user === null) return t('access.reason.noName');
  const verdict = check(user, action, record);
  if (verdict.allowed) return null;
  switch (verdict.denial) {
    case 'role':
    case 'record_required':
      return t('access.reason.role', { role: t(`role.${user.role}`) });
    case 'office':
      return t('access.reason.office', { office: record.office, userOffice: user.office });
    case 'deleted':
      return t('access.reason.deleted');
    case 'not_author':
      return t('access.reason.notAuthor', { author: record.author });
    case 'own_record':
      return action === 'record.verify' ? t('access.reason.ownRecord.verify') : t('access.reason.ownRecord.other');
    case 'state':
      return t('access.reason.state', { status: codelistLabel('reviewStatus', record.reviewStatus) });
  }
}
