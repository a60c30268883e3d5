import { useEffect, useId } from 'react';
import { formatDate, t } from '../../i18n/i18n';
import type { TimeStep, TimeWindow } from './time-steps';
import { TIME_STEPS } from './time-steps';
import { ChevronLeft, ChevronRight } from 'lucide-react';

/** Time between two steps while playing: long enough to read the counts. */
export const PLAY_INTERVAL_MS = 1200;

export interface TimeSliderProps {
  windows: readonly TimeWindow[];
  step: TimeStep;
  onStepChange: (step: TimeStep) => void;
  index: number;
  onIndexChange: (index: number) => void;
  playing: boolean;
  onPlayingChange: (playing: boolean) => void;
}

/** "3 Mar 2026", or "3 Mar 2026 – 9 Mar 2026" for a window longer than a day. */
export function windowLabel(window: TimeWindow | undefined): string {
  if (window === undefined) return '';
  const first = formatDate(new Date(window.fromMs).toISOString());
  // The window's end is exclusive: its last day starts just before it.
  const last = formatDate(new Date(window.toMs - 1).toISOString());
  return first === last ? first : t('timeSlider.range', { from: first, to: last });
}

/**
 * The time slider under the map: a step (whole period, day, week), a range input over
 * the steps, previous/next, and play/pause, which advances one step per
 * PLAY_INTERVAL_MS and stops at the last. Controlled: the screen holds the state and
 * draws the map, flows and counts for the chosen window.
 */
export function TimeSlider(props: TimeSliderProps) {
  const { windows, step, index, playing, onIndexChange, onPlayingChange } = props;
  const id = useId();
  const last = Math.max(0, windows.length - 1);
  const stepping = step !== 'period' && windows.length > 1;

  useEffect(() => {
    if (!playing) return undefined;
    if (!stepping || index >= last) {
      onPlayingChange(false);
      return undefined;
    }
    const timer = setTimeout(() => onIndexChange(index + 1), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, stepping, index, last, onIndexChange, onPlayingChange]);

  const label = windowLabel(windows[Math.min(index, last)]);
  return (
    <div className="time-slider" role="group" aria-label={t('timeSlider.label')}>
      <label htmlFor={`${id}-step`}>{t('timeSlider.step')}</label>
      <select
        id={`${id}-step`}
        value={step}
        onChange={(event) => {
          const chosen = TIME_STEPS.find((s) => s === event.target.value);
          if (chosen !== undefined) props.onStepChange(chosen);
        }}
      >
        {TIME_STEPS.map((s) => (
          <option key={s} value={s}>
            {t(`timeSlider.step.${s}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="time-slider-play"
        disabled={!stepping}
        aria-pressed={playing}
        onClick={() => {
          // Play from the start again once the last step has been reached.
          if (!playing && index >= last) onIndexChange(0);
          onPlayingChange(!playing);
        }}
      >
        {playing ? t('timeSlider.pause') : t('timeSlider.play')}
      </button>
      <button
        type="button"
        aria-label={t('timeSlider.previous')}
        title={t('timeSlider.previous')}
        disabled={!stepping || index <= 0}
        onClick={() => onIndexChange(index - 1)}
      >
        <ChevronLeft aria-hidden="true" />
      </button>
      <input
        type="range"
        className="time-slider-range"
        aria-label={t('timeSlider.position')}
        aria-valuetext={label}
        min={0}
        max={last}
        step={1}
        value={Math.min(index, last)}
        disabled={!stepping}
        onChange={(event) => {
          onPlayingChange(false);
          onIndexChange(Number(event.target.value));
        }}
      />
      <button
        type="button"
        aria-label={t('timeSlider.next')}
        title={t('timeSlider.next')}
        disabled={!stepping || index >= last}
        onClick={() => onIndexChange(index + 1)}
      >
        <ChevronRight aria-hidden="true" />
      </button>
      <output className="time-slider-label" aria-live="polite" data-testid="time-window">
        {label}
      </output>
      {stepping && (
        <span className="time-slider-position">{t('timeSlider.stepOf', { index: index + 1, count: windows.length })}</span>
      )}
    </div>
  );
}
