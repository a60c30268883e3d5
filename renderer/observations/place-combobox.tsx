/**
 * Choosing a gazetteer place by typing its name: a WAI-ARIA 1.2 combobox (an input
 * with a listbox popup, list autocomplete, manual selection) over `createPlaceSearch`,
 * so "presevo", "Preševo" and "Прешево" all offer Preševo.
 *
 * Keys: Down/Up move through the options (opening the list if closed), Enter chooses
 * the highlighted option, Escape closes the list or, when closed, clears the field,
 * Tab leaves. Focus stays in the input throughout; the highlighted option is
 * announced through aria-activedescendant. Leaving the field keeps what was chosen:
 * text typed without choosing snaps back to the chosen place's name (or chooses the
 * place it names exactly), so the field never shows a place that is not the value.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Place } from '../../shared/places/place';
import { createPlaceSearch } from '../../shared/places/place-search';
import type { PlaceMatch } from '../../shared/places/place-search';
import { codelistLabel } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';
import type { TranslationKey } from '../i18n/i18n';

export interface PlaceComboboxProps {
  /** The visible label. */
  label: string;
  places: readonly Place[];
  /** The chosen place's id, or null. */
  value: string | null;
  onChange: (placeId: string | null) => void;
  invalid?: boolean;
  /** Id(s) of an element describing the field, e.g. its error message. */
  describedBy?: string;
  /** Id of the input (one is made up otherwise). */
  id?: string;
}

/** How many options the list shows; more typing narrows it. */
const MAX_OPTIONS = 12;
/** With nothing typed, Down lists places by name, this many. */
const MAX_BROWSE = 50;

/** The country's name as the old place <select> wrote it; the bare code for a country the catalogue lacks. */
function countryLabel(code: string): string {
  const key = `codelist.country.${code}`;
  const label = t(key as TranslationKey);
  return label === key ? code : label;
}

function PlaceOptionText({ match }: { match: PlaceMatch }) {
  const { place, matchedName } = match;
  const showLocal = place.nameLocal !== '' && place.nameLocal !== place.name;
  const viaOtherName = matchedName !== place.name && matchedName !== place.nameLocal;
  return (
    <>
      <span className="place-option-name">{place.name}</span>
      {showLocal && <span className="place-option-local"> {place.nameLocal}</span>}
      {viaOtherName && <span className="place-option-alias"> ({t('place.alsoKnownAs', { name: matchedName })})</span>}
      <span className="place-option-meta">
        {' '}
        {codelistLabel('placeKind', place.kind)} · {countryLabel(place.country)}
      </span>
    </>
  );
}

export function PlaceCombobox({ label, places, value, onChange, invalid, describedBy, id }: PlaceComboboxProps) {
  const madeUpId = useId();
  const inputId = id ?? `${madeUpId}-input`;
  const listboxId = `${inputId}-listbox`;
  const hintId = `${inputId}-hint`;
  const optionId = (index: number) => `${inputId}-option-${index}`;

  const search = useMemo(() => createPlaceSearch(places), [places]);
  const byId = useMemo(() => new Map(places.map((place) => [place.id, place])), [places]);
  const browseList = useMemo<PlaceMatch[]>(() => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
    return [...places]
      .sort((a, b) => collator.compare(a.name, b.name))
      .slice(0, MAX_BROWSE)
      .map((place) => ({ place, quality: 'substring', matchedName: place.name }));
  }, [places]);

  const chosen = value === null ? undefined : byId.get(value);
  const chosenName = chosen?.name ?? '';

  const [text, setText] = useState(chosenName);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // The value can change from outside (a map click, a draft loaded): show its name.
  const [shownName, setShownName] = useState(chosenName);
  if (shownName !== chosenName) {
    setShownName(chosenName);
    setText(chosenName);
  }

  const typed = text.trim() !== '' && text !== chosenName;
  const options = useMemo(() => (typed ? search.search(text, MAX_OPTIONS) : browseList), [typed, search, text, browseList]);
  const expanded = open && options.length > 0;

  useEffect(() => {
    if (!expanded || active < 0) return;
    const element = document.getElementById(`${inputId}-option-${active}`);
    // jsdom has no scrollIntoView; browsers do.
    if (typeof element?.scrollIntoView === 'function') element.scrollIntoView({ block: 'nearest' });
  }, [expanded, active, inputId]);

  function choose(match: PlaceMatch | undefined) {
    setOpen(false);
    setActive(-1);
    if (!match) return;
    setText(match.place.name);
    setShownName(match.place.name);
    if (match.place.id !== value) onChange(match.place.id);
  }

  function clear() {
    setText('');
    setOpen(false);
    setActive(-1);
    if (value !== null) onChange(null);
  }

  function move(step: 1 | -1) {
    if (!open) {
      setOpen(true);
      setActive(step === 1 ? 0 : options.length - 1);
      return;
    }
    if (options.length === 0) return;
    setActive((current) => (current < 0 ? (step === 1 ? 0 : options.length - 1) : (current + step + options.length) % options.length));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (event.altKey) setOpen(true);
        else move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (event.altKey) setOpen(false);
        else move(-1);
        break;
      case 'Enter':
        if (!expanded) break;
        // Inside a form, Enter would submit it; here it answers the open list instead.
        event.preventDefault();
        if (active >= 0) choose(options[active]);
        else if (options[0]?.quality === 'exact') choose(options[0]);
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== '' || value !== null) {
          event.preventDefault();
          clear();
        }
        break;
      default:
        break;
    }
  }

  function onBlur() {
    setOpen(false);
    setActive(-1);
    if (text.trim() === '') {
      if (value !== null) onChange(null);
      setText('');
      return;
    }
    if (!typed) return;
    const best = search.search(text, 1)[0];
    if (best?.quality === 'exact') choose(best);
    else setText(chosenName);
  }

  const typedNothingFound = open && typed && options.length === 0;
  const describedByIds = [hintId, describedBy].filter(Boolean).join(' ');

  return (
    <div className="place-combobox">
      <label htmlFor={inputId}>{label}</label>
      <div className="place-combobox-control">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedByIds}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(event.target.value.trim() !== '');
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        {(value !== null || text !== '') && (
          <button
            type="button"
            className="link-button place-combobox-clear"
            aria-label={t('place.clearLabel')}
            // Keeps the focus (and so the list) in the input until the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={clear}
            // Not a tab stop: Escape clears from the keyboard, and the next field is one Tab away.
            tabIndex={-1}
          >
            {t('place.clear')}
          </button>
        )}
        <ul id={listboxId} role="listbox" aria-label={label} className="place-combobox-list" hidden={!expanded}>
          {expanded &&
            options.map((match, index) => (
              <li
                key={match.place.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'place-option active' : 'place-option'}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(match)}
              >
                <PlaceOptionText match={match} />
              </li>
            ))}
        </ul>
      </div>
      <p id={hintId} className="muted small place-combobox-hint">
        {chosen && !typed ? (
          <>
            {chosen.nameLocal !== '' && chosen.nameLocal !== chosen.name && `${chosen.nameLocal} · `}
            {codelistLabel('placeKind', chosen.kind)} · {countryLabel(chosen.country)}
          </>
        ) : (
          t('place.hint')
        )}
      </p>
      {typedNothingFound && <p className="place-combobox-none">{t('place.noMatch', { query: text.trim() })}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {expanded && typed ? t('place.resultCount', { count: options.length }) : ''}
      </p>
    </div>
  );
}
