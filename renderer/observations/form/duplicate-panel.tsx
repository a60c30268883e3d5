/**
 * Asked before submitting when the record may repeat one already stored, or when a
 * rule warns (a point outside the mission's area): the person decides, nothing blocks.
 */
import { useEffect, useRef, useState } from 'react';
import type { SyntheticEvent } from 'react';
import type { DuplicateEntry } from '../../../shared/observations/duplicate-check';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { ValidationIssue } from '../../../shared/observations/observation-rules';
import { useServices } from '../../app/services';
import { formatNumber, t } from '../../i18n/i18n';
import { issueText } from '../issue-text';
import { locationLabel } from '../observation-labels';

interface Props {
  duplicates: readonly DuplicateEntry[];
  warnings: readonly ValidationIssue[];
  onSubmitAnyway: (event: SyntheticEvent) => void;
  onCancel: () => void;
}

/** Show at most this many look-alikes: the point is to make the person look, not to list them all. */
const SHOWN = 3;

export function DuplicatePanel({ duplicates, warnings, onSubmitAnyway, onCancel }: Props) {
  const { store, placesById } = useServices();
  const [records, setRecords] = useState<Observation[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void Promise.all(duplicates.slice(0, SHOWN).map((d) => store.getObservation(d.id))).then((found) => {
      if (live) setRecords(found.filter((r): r is Observation => r !== undefined));
    });
    heading.current?.focus();
    return () => {
      live = false;
    };
  }, [duplicates, store]);

  return (
    <section className="confirm-panel" aria-labelledby="confirm-heading" data-testid="confirm-panel">
      <h2 id="confirm-heading" tabIndex={-1} ref={heading}>
        {duplicates.length > 0 ? t('form.duplicateTitle') : t('form.warningTitle')}
      </h2>
      {duplicates.length > 0 && (
        <>
          <p>{t('form.duplicateHelp', { count: formatNumber(duplicates.length) })}</p>
          <ul className="duplicate-list">
            {records.map((r) => (
              <li key={r.id}>
                <a href={`#/observation?id=${encodeURIComponent(r.id)}`}>
                  {new Date(r.observedStart).toLocaleString()}
                </a>
                {' · '}
                {locationLabel(r, placesById)}
                {' · '}
                {t('form.duplicatePersons', { count: formatNumber(r.totalPersons) })}
                {' · '}
                {/* Typed text in bidi isolates: an unclosed direction mark in a name or summary would reorder what follows it. */}
                <bdi>{r.author}</bdi>
                {r.summary && (
                  <span className="muted">
                    {' — '}
                    <bdi>{r.summary.slice(0, 120)}</bdi>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {warnings.length > 0 && (
        <ul className="warning-list">
          {warnings.map((w) => (
            <li key={`${w.field}-${w.message}`} className="warning">
              {issueText(w)}
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={onSubmitAnyway}>
          {t('form.submitAnyway')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.goBack')}
        </button>
      </div>
    </section>
  );
}
