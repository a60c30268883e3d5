/**
 * The form's findings at the top: one entry per field, each naming the field and the rule,
 * each a button that moves focus to the field (after `onFocusField` has made it visible,
 * e.g. by opening its section). The summary takes focus when new findings arrive, so that
 * a keyboard or screen-reader user hears them first.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { fieldErrorText, fieldIdOf, messageIdOf } from './form-fields';
import type { FieldError, FieldErrors } from './form-fields';

interface Props {
  errors: FieldErrors;
  /** What the summary says above its entries ("The observation was not submitted..."). */
  title: string;
  /** Make the field of a path visible (open its section); called before focus moves to it. */
  onFocusField?: (path: string) => void;
}

/**
 * The element to focus for a path: its control (ids from form-fields.tsx), else the control
 * its message describes (fields drawn outside form-fields, like the place picker), else the
 * message itself (a group's, like the breakdown's); else the same for the enclosing path
 * (`location.lat` is shown at the place).
 */
export function focusTargetOf(path: string): HTMLElement | null {
  for (let at: string | undefined = path; at; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : undefined) {
    for (const p of at === 'location' ? [at, 'placeId'] : [at]) {
      // Ids from fieldIdOf hold only letters, digits, '-' and '_': safe in a selector as they are.
      const target =
        document.getElementById(fieldIdOf(p)) ??
        document.querySelector<HTMLElement>(`[aria-describedby~="${messageIdOf(p)}"]`) ??
        document.getElementById(messageIdOf(p));
      if (target) return target;
    }
  }
  return null;
}

/** The paths in the order their fields stand on the page; those not on it keep their order, after. */
function inPageOrder(paths: readonly string[]): string[] {
  const placed = paths.map((path, index) => ({ path, index, at: focusTargetOf(path) }));
  return placed
    .sort((a, b) => {
      if (a.at && b.at && a.at !== b.at) return a.at.compareDocumentPosition(b.at) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      if (a.at && !b.at) return -1;
      if (!a.at && b.at) return 1;
      return a.index - b.index;
    })
    .map((p) => p.path);
}

export function ErrorSummary({ errors, title, onFocusField }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const found = Object.entries(errors).filter((entry): entry is [string, FieldError] => entry[1] !== undefined);
  // Listed as the fields stand on the form, top to bottom: found once the fields carry their messages.
  const [order, setOrder] = useState<readonly string[]>([]);
  useLayoutEffect(() => {
    setOrder(inPageOrder(Object.keys(errors)));
  }, [errors]);
  const rank = (path: string) => {
    const i = order.indexOf(path);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const entries = [...found].sort((a, b) => rank(a[0]) - rank(b[0]));

  useEffect(() => {
    if (Object.keys(errors).length > 0) box.current?.focus();
  }, [errors]);

  if (entries.length === 0) return null;

  const focusField = (path: string) => {
    // The section opens in this render, so that its field exists to be focused.
    if (onFocusField) flushSync(() => onFocusField(path));
    const target = focusTargetOf(path);
    if (!target) return;
    // jsdom (the unit tests) has no scrollIntoView, whatever the DOM types say.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    target.scrollIntoView?.({ block: 'center' });
    target.focus({ preventScroll: true });
  };

  return (
    <div className="form-error" role="alert" tabIndex={-1} ref={box} data-testid="error-summary">
      <p>{title}</p>
      <ul>
        {entries.map(([path, error]) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => focusField(path)}>
              {fieldErrorText(path, error)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
