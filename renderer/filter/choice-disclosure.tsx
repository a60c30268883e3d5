import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { t } from '../i18n/i18n';
import { ChevronDown, ChevronUp } from 'lucide-react';

export interface ChoiceOption {
  value: string;
  label: string;
  /** Shown after the label, quieter (e.g. a place's local name). */
  detail?: string;
}

export interface ChoiceGroup {
  key: string;
  /** Heading of the group; null for a list without groups. */
  legend: string | null;
  options: readonly ChoiceOption[];
}

interface ChoiceDisclosureProps {
  /** What is chosen, e.g. "Places": the visible label and the panel's name. */
  label: string;
  groups: readonly ChoiceGroup[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** "Any place": the action that empties the choice. */
  clearLabel: string;
  /** A find box at the top of the panel (the caller filters `groups`). */
  find?: { label: string; query: string; onQuery: (query: string) => void; noMatch: string };
  /** The label of a chosen value that `groups` may leave out (filtered by the find box). */
  labelOf: (value: string) => string;
}

/**
 * A filter's multiple choice as a disclosure: a labelled button that says what is
 * chosen ("All", the one choice, or "3 chosen"), opening a panel of checkboxes over
 * the page. Keeps the filter bar one line high however long the lists are. Escape or
 * "Done" closes it and returns focus to the button; a click or focus elsewhere closes
 * it too.
 */
export function ChoiceDisclosure({ label, groups, selected, onChange, clearLabel, find, labelOf }: ChoiceDisclosureProps): ReactNode {
  const id = useId();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const chosen = new Set(selected);

  useEffect(() => {
    if (!open) return undefined;
    panelRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const toggle = (value: string) => onChange(chosen.has(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  const first = selected[0];
  const summary = first === undefined ? t('filter.all') : selected.length === 1 ? labelOf(first) : t('filter.chosen', { count: selected.length });
  const empty = groups.every((group) => group.options.length === 0);

  return (
    <div
      className="choice-filter"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          close();
        }
      }}
      onBlur={(event) => {
        if (open && event.relatedTarget instanceof Node && !rootRef.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <span className="filter-label" id={`${id}-label`}>
        {label}
      </span>
      <button
        ref={buttonRef}
        id={`${id}-button`}
        type="button"
        className="disclosure-button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-labelledby={`${id}-label ${id}-button`}
        onClick={() => setOpen(!open)}
      >
        <span className="disclosure-summary">{summary}</span>
        {open ? <ChevronUp aria-hidden="true" /> : <ChevronDown aria-hidden="true" />}
      </button>
      {open && (
        <div ref={panelRef} className="choice-panel" id={`${id}-panel`} role="group" aria-labelledby={`${id}-label`}>
          {find && (
            <div className="choice-panel-head">
              <label htmlFor={`${id}-find`}>{find.label}</label>
              <input id={`${id}-find`} type="search" autoComplete="off" spellCheck={false} maxLength={120} value={find.query} onChange={(e) => find.onQuery(e.target.value)} />
            </div>
          )}
          <div className="choice-list">
            {empty && find && <p className="muted small">{find.noMatch}</p>}
            {groups.map((group) => {
              const options = group.options.map((option) => (
                <label key={option.value} className="choice-option">
                  <input type="checkbox" checked={chosen.has(option.value)} onChange={() => toggle(option.value)} />
                  <span>{option.label}</span>
                  {option.detail !== undefined && <span className="muted small">{option.detail}</span>}
                </label>
              ));
              return group.legend === null ? (
                <div key={group.key}>{options}</div>
              ) : (
                <fieldset key={group.key} className="choice-group">
                  <legend>{group.legend}</legend>
                  {options}
                </fieldset>
              );
            })}
          </div>
          <div className="choice-panel-foot">
            <button type="button" className="link-button" onClick={() => onChange([])} disabled={selected.length === 0}>
              {clearLabel}
            </button>
            <button type="button" className="secondary small-button" onClick={close}>
              {t('filter.done')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
