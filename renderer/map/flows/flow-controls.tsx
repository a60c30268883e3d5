import { useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';
import './flows.css';

export interface FlowThresholdControlProps {
  /** Flows with fewer persons are hidden (0 shows all). */
  threshold: number;
  onThresholdChange: (minPersons: number) => void;
}

/**
 * "Hide flows under [N] persons", for the map screen's toolbar. The text typed is kept
 * as typed while it is being edited (an empty box is not 0 yet); each whole number of
 * 0 or more is passed on as soon as it is typed.
 */
export function FlowThresholdControl({ threshold, onThresholdChange }: FlowThresholdControlProps) {
  const [text, setText] = useState(String(threshold));
  useEffect(() => {
    // A threshold set elsewhere (restored view, another control) shows here, unless the
    // box already says the same number in another way (e.g. "010").
    setText((current) => (parseThreshold(current) === threshold ? current : String(threshold)));
  }, [threshold]);
  return (
    <label className="rw-flow-threshold">
      {t('map.flows.threshold.before')}
      <input
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const value = parseThreshold(event.target.value);
          if (value !== null && value !== threshold) onThresholdChange(value);
        }}
        onBlur={() => {
          if (parseThreshold(text) === null) setText(String(threshold));
        }}
      />
      {t('map.flows.threshold.after')}
    </label>
  );
}

/** Highest threshold the box takes (nine digits); a saved view above it is not read back either. */
export const MAX_FLOW_THRESHOLD = 999_999_999;

/** A whole number of persons, 0 to MAX_FLOW_THRESHOLD, or null for anything else. */
export function parseThreshold(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}
