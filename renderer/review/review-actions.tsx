/**
 * Verify, Return and Reject for one record: the buttons (disabled with the reason when
 * the rule book says no) and the dialog each opens. Used by the review queue and the
 * detail view alike. The decision itself is `applyReview` (shared/review/); the store
 * saves it and sync is nudged.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { createPortal } from 'react-dom';
import { roleMayEver } from '../../shared/access/roles';
import type { User } from '../../shared/access/roles';
import { INFORMATION_CREDIBILITY, SOURCE_RELIABILITY } from '../../shared/observations/codelists';
import type { InformationCredibility, SourceReliability } from '../../shared/observations/codelists';
import type { Observation } from '../../shared/observations/observation-schema';
import { applyReview, refusalKey, REVIEW_NOTE_MAX_LENGTH, REVIEW_TRANSITIONS } from '../../shared/review/review-transitions';
import type { ReviewAction } from '../../shared/review/review-transitions';
import { accessReason } from '../app/access-reason';
import { useServices } from '../app/services';
import { isTooLong, tooLongAria, TooLongMessage } from '../app/too-long';
import { codelistLabel } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';
import { recordTitle } from './record-title';
import './review.css';

/** The decisions a reviewer takes (submitting is the author's, elsewhere). */
export const DECISIONS = ['verify', 'return', 'reject'] as const satisfies readonly ReviewAction[];
export type Decision = (typeof DECISIONS)[number];

export interface ReviewActionsProps {
  record: Observation;
  user: User | null;
  /** After a decision was saved, with the record as saved. */
  onReviewed?: (decision: Decision, record: Observation) => void;
}

/**
 * The three decisions for a record. Nothing at all for a role that never reviews (it
 * has no use for the buttons) or for a record not waiting for review; for a reviewer,
 * each button is enabled or disabled with the reason in words.
 */
export function ReviewActions({ record, user, onReviewed }: ReviewActionsProps) {
  const id = useId();
  const [open, setOpen] = useState<Decision | null>(null);
  const triggers = useRef(new Map<Decision, HTMLButtonElement>());
  if (user === null || !DECISIONS.some((d) => roleMayEver(user.role, REVIEW_TRANSITIONS[d].access))) return null;
  // Nothing to decide on a record that is not waiting for review (or is deleted).
  if (record.deleted || !DECISIONS.some((d) => REVIEW_TRANSITIONS[d].from.includes(record.reviewStatus))) return null;

  const reasons = DECISIONS.map((d) => accessReason(user, REVIEW_TRANSITIONS[d].access, record));
  // When none of the three is open to the user, they are closed for one reason: say it once, as Verify's.
  const shown = reasons.every((r) => r !== null) ? reasons.slice(0, 1) : [...new Set(reasons.filter((r) => r !== null))];

  return (
    <div className="review-actions" role="group" aria-label={t('review.actions')}>
      {DECISIONS.map((decision, i) => (
        <button
          key={decision}
          type="button"
          className={decision === 'verify' ? 'primary' : 'secondary'}
          disabled={reasons[i] !== null}
          aria-describedby={reasons[i] !== null ? `${id}-reason` : undefined}
          ref={(element) => {
            if (element) triggers.current.set(decision, element);
          }}
          onClick={() => setOpen(decision)}
        >
          {t(`review.action.${decision}`)}
        </button>
      ))}
      {shown.length > 0 && (
        <p id={`${id}-reason`} className="review-reason">
          {shown.join(' ')}
        </p>
      )}
      {open !== null &&
        createPortal(
          <ReviewDialog
            record={record}
            user={user}
            decision={open}
            onClose={() => {
              triggers.current.get(open)?.focus();
              setOpen(null);
            }}
            onSaved={(saved) => {
              setOpen(null);
              onReviewed?.(open, saved);
            }}
          />,
          document.body,
        )}
    </div>
  );
}

function reliabilityOf(value: string): SourceReliability | null {
  return SOURCE_RELIABILITY.find((code) => code === value) ?? null;
}

function credibilityOf(value: string): InformationCredibility | null {
  return INFORMATION_CREDIBILITY.find((code) => code === value) ?? null;
}

interface ReviewDialogProps {
  record: Observation;
  user: User;
  decision: Decision;
  onClose: () => void;
  onSaved: (record: Observation) => void;
}

/** A modal dialog asking for what a decision needs: the two grades to verify, a note to return or reject. */
export function ReviewDialog({ record, user, decision, onClose, onSaved }: ReviewDialogProps) {
  const { store, sync, placesById } = useServices();
  const id = useId();
  const [reliability, setReliability] = useState<string>(record.source?.reliability ?? '');
  const [credibility, setCredibility] = useState<string>(record.source?.credibility ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // The first thing to fill in: the first grade to verify, the note otherwise.
    form.current?.querySelector<HTMLElement>('select, textarea')?.focus();
  }, []);

  async function confirm(event: SyntheticEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      // Decide on the record as stored now: a sync may have changed it since the screen drew it.
      const current = await store.getObservation(record.id);
      if (!current) {
        setError(t('review.refusal.deleted'));
        return;
      }
      const subject: Observation =
        decision === 'verify'
          ? {
              ...current,
              source: {
                type: current.source?.type ?? null,
                name: current.source?.name ?? null,
                reliability: reliabilityOf(reliability),
                credibility: credibilityOf(credibility),
              },
            }
          : current;
      const result = applyReview(subject, decision, { user, note, nowIso: new Date().toISOString() });
      if (!result.ok) {
        setError(t(refusalKey(result.reason)));
        return;
      }
      await store.saveReviewed(result.record, user.name);
      void sync.noteLocalChange();
      onSaved(result.record);
    } finally {
      setBusy(false);
    }
  }

  const grade = reliabilityOf(reliability) !== null && credibilityOf(credibility) !== null ? `${reliability}${credibility}` : null;
  const noteLabel = decision === 'verify' ? t('review.noteOptional') : decision === 'return' ? t('review.noteReturn') : t('review.noteReject');

  return (
    <div className="modal-backdrop">
      <form
        ref={form}
        className="modal review-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-help`}
        noValidate
        onSubmit={(e) => void confirm(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2 id={`${id}-title`}>{t(`review.dialog.${decision}.title`)}</h2>
        <p className="review-dialog-record">
          {recordTitle(record, placesById)} · {t('review.dialog.by', { author: record.author })}
        </p>
        {record.summary !== '' && <p className="review-dialog-summary">{record.summary}</p>}
        <p id={`${id}-help`} className="muted small">
          {t(`review.dialog.${decision}.help`)}
        </p>
        {decision === 'verify' && (
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-reliability`}>{t('review.reliability')}</label>
              <select id={`${id}-reliability`} value={reliability} onChange={(e) => setReliability(e.target.value)}>
                <option value="">{t('review.choose')}</option>
                {SOURCE_RELIABILITY.map((code) => (
                  <option key={code} value={code}>
                    {codelistLabel('sourceReliability', code)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-credibility`}>{t('review.credibility')}</label>
              <select id={`${id}-credibility`} value={credibility} onChange={(e) => setCredibility(e.target.value)}>
                <option value="">{t('review.choose')}</option>
                {INFORMATION_CREDIBILITY.map((code) => (
                  <option key={code} value={code}>
                    {codelistLabel('informationCredibility', code)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        {decision === 'verify' && (
          <p className="review-grade" data-testid="review-grade" aria-live="polite">
            {grade === null ? t('review.gradeNone') : t('review.grade', { grade })}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>{noteLabel}</label>
          {/* No maxLength: a paste over the limit is kept whole and said to be too long (as in the capture form), never cut. */}
          <textarea
            id={`${id}-note`}
            rows={4}
            value={note}
            {...tooLongAria(`${id}-note-too-long`, note, REVIEW_NOTE_MAX_LENGTH)}
            aria-invalid={(error !== null && decision !== 'verify') || isTooLong(note, REVIEW_NOTE_MAX_LENGTH) ? true : undefined}
            onChange={(e) => setNote(e.target.value)}
          />
          <TooLongMessage id={`${id}-note-too-long`} label={noteLabel} value={note} max={REVIEW_NOTE_MAX_LENGTH} />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('review.dialog.saving') : t(`review.dialog.${decision}.confirm`)}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('review.dialog.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
