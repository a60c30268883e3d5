/**
 * A collapsible part of the capture form (the disclosure pattern: a button with
 * aria-expanded in a heading, and the region it opens). Collapsed, its header says how
 * many of its fields are filled ("Vulnerabilities · 2 filled"), so nothing typed is out
 * of sight without a word. The fields are only rendered while open; what they hold
 * stays in the draft either way.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { formatNumber, t } from '../../i18n/i18n';

interface Props {
  title: string;
  filled: number;
  open: boolean;
  onToggle: () => void;
  /** The header cannot close the panel (it holds a message to correct). */
  pinned?: boolean;
  children: ReactNode;
  testId?: string;
}

export function FormPanel({ title, filled, open, onToggle, pinned = false, children, testId }: Props) {
  const id = useId();
  return (
    <section className={open ? 'form-panel open' : 'form-panel'} data-testid={testId}>
      <h2 className="form-panel-header">
        <button type="button" aria-expanded={open} aria-controls={id} onClick={onToggle} disabled={pinned && open}>
          {/* Drawn in CSS: no font is trusted to hold an arrow glyph. */}
          <span className="form-panel-marker" aria-hidden="true" />
          {title}
          {filled > 0 && <span className="form-panel-filled"> · {t('form.panelFilled', { count: formatNumber(filled) })}</span>}
        </button>
      </h2>
      <div id={id} className="form-panel-body" hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
