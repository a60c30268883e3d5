import { useState } from 'react';
import { useServices } from '../app/services';
import { useFilter } from '../filter/filter-state';
import { formatNumber, t } from '../i18n/i18n';
import type { generateTrainingObservations } from '../training/training-data';

/** The period the training data covers: the 2015-16 corridor and the years after. */
const TRAINING_START = new Date('2015-06-01T00:00:00Z');
const TRAINING_END = new Date('2021-01-01T00:00:00Z');
const BATCH = 2000;
const SIZES = [10_000, 100_000] as const;

export type LoadTrainingGenerator = () => Promise<{ generateTrainingObservations: typeof generateTrainingObservations }>;

/**
 * The generator (about 1,900 lines with its route model) is its own chunk, fetched only
 * when "Load training data" is pressed: nobody else needs it, and the app's start should
 * not parse it.
 */
const loadGenerator: LoadTrainingGenerator = () => import('../training/training-data');

type Message = { kind: 'status' | 'alert'; text: string };

/**
 * "Load training data" and "Remove training data": generated records for demos, kept on this device only.
 * `load` is the generator's loader, given by tests to stand for a chunk that cannot be fetched.
 */
export function TrainingPanel({ load = loadGenerator }: { load?: LoadTrainingGenerator }) {
  const { store, places } = useServices();
  const { setFilter } = useFilter();
  const [size, setSize] = useState<number>(SIZES[0]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  async function loadTraining() {
    setMessage(null);
    setProgress({ done: 0, total: size });
    let generate: typeof generateTrainingObservations;
    try {
      ({ generateTrainingObservations: generate } = await load());
    } catch {
      // In a browser the chunk comes from the server; offline it cannot. Nothing was written.
      setProgress(null);
      setMessage({ kind: 'alert', text: t('training.generatorUnavailable') });
      return;
    }
    let done = 0;
    try {
      const generator = generate({ places, count: size, seed: Date.now() % 100_000, start: TRAINING_START, end: TRAINING_END });
      let batch = [];
      for (const item of generator) {
        batch.push(item);
        if (batch.length === BATCH) {
          done += await store.addTrainingObservations(batch);
          batch = [];
          setProgress({ done, total: size });
        }
      }
      if (batch.length > 0) done += await store.addTrainingObservations(batch);
    } catch {
      // Each batch is one transaction: what was added stays, and "Remove training data" takes it away.
      setProgress(null);
      setMessage({ kind: 'alert', text: t('training.stopped', { done: formatNumber(done), total: formatNumber(size) }) });
      return;
    }
    setProgress(null);
    setFilter({ fromDate: '2015-06-01', toDate: '2020-12-31' });
    setMessage({ kind: 'status', text: t('training.loaded', { count: done }) });
  }

  async function remove() {
    setMessage(null);
    const removed = await store.removeTrainingObservations();
    setMessage({ kind: 'status', text: t('training.removed', { count: removed }) });
  }

  return (
    <section className="narrow" aria-labelledby="training-title">
      <h2 id="training-title">{t('training.title')}</h2>
      <p className="muted">{t('training.help')}</p>
      <div className="field">
        <label htmlFor="training-size">{t('training.size')}</label>
        <select id="training-size" value={size} onChange={(e) => setSize(Number(e.target.value))} disabled={progress !== null}>
          {SIZES.map((n) => (
            <option key={n} value={n}>
              {formatNumber(n)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void loadTraining()} disabled={progress !== null}>
          {t('training.load')}
        </button>
        <button type="button" className="secondary" onClick={() => void remove()} disabled={progress !== null}>
          {t('training.remove')}
        </button>
      </div>
      {progress && (
        <div>
          <progress max={progress.total} value={progress.done} aria-label={t('training.loading')} />
          <span className="muted small"> {t('training.progress', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}</span>
        </div>
      )}
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'form-error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
