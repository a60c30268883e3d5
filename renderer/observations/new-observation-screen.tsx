import { useEffect, useId, useMemo, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { ObservationKind } from '../../shared/observations/codelists';
import { officeCodeSchema, SUMMARY_MAX_LENGTH } from '../../shared/observations/observation-schema';
import type { ObservationInput } from '../../shared/observations/observation-schema';
import { useServices } from '../app/services';
import { formatNumber, t } from '../i18n/i18n';
import type { TranslationKey } from '../i18n/i18n';
import { RouteMap } from '../map/route-map';
import { ObservationValidationError } from '../store/observation-store';
import { detailsForKind, EMPTY_KIND_DETAILS, KindSections } from './kind-sections';
import type { KindDetails } from './kind-sections';
import { fromLocalInputValue, toLocalInputValue } from './local-datetime';

type FieldErrors = Partial<Record<string, TranslationKey>>;

interface Pick {
  placeId: string | null;
  lat: number;
  lon: number;
}

/**
 * The skeleton's capture form: kind, time, place, persons, summary. Invalid input is
 * explained next to its field and nothing is saved.
 */
export function NewObservationScreen({ onSaved }: { onSaved: () => void }) {
  const { store, sync, places, placesById } = useServices();
  const id = useId();
  const [author, setAuthor] = useState('');
  const [office, setOffice] = useState('');
  const [kind, setKind] = useState<ObservationKind>('group_sighting');
  const [observedAt, setObservedAt] = useState(() => toLocalInputValue(new Date()));
  const [pick, setPick] = useState<Pick | null>(null);
  const [totalPersons, setTotalPersons] = useState('');
  const [summary, setSummary] = useState('');
  const [details, setDetails] = useState<KindDetails>(EMPTY_KIND_DETAILS);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([store.getMeta('profile'), store.getMeta('enrolment')]).then(([profile, enrolment]) => {
      if (!live) return;
      setAuthor((current) => current || profile?.author || '');
      setOffice((current) => current || enrolment?.office || profile?.office || '');
    });
    return () => {
      live = false;
    };
  }, [store]);

  const sortedPlaces = useMemo(
    () => [...places].sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name)),
    [places],
  );

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (author.trim() === '') found.author = 'validation.required';
    if (!officeCodeSchema.safeParse(office.trim()).success) found.office = 'validation.officeCode';
    const observedStart = fromLocalInputValue(observedAt);
    if (observedStart === null) found.observedStart = 'validation.invalid';
    const persons = totalPersons.trim() === '' ? Number.NaN : Number(totalPersons);
    const input: Partial<Record<keyof ObservationInput, unknown>> = {
      kind,
      observedStart,
      placeId: pick?.placeId ?? null,
      location: pick && pick.placeId === null ? { lat: pick.lat, lon: pick.lon } : null,
      locationMethod: pick?.placeId === null ? 'map_click' : 'gazetteer',
      totalPersons: persons,
      summary,
      ...detailsForKind(kind, details),
    };
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setSaving(true);
    try {
      const profile = { author: author.trim(), office: office.trim() };
      await store.createObservations([input], profile);
      await store.setMeta('profile', profile);
      void sync.noteLocalChange();
      setErrors({});
      onSaved();
    } catch (error) {
      if (!(error instanceof ObservationValidationError)) throw error;
      const fieldErrors: FieldErrors = {};
      for (const issue of error.issues) {
        const field = issue.field.split('.')[0] ?? 'form';
        fieldErrors[field === 'location' ? 'placeId' : field] = issue.message as TranslationKey;
        // Kind sections show their errors by full path (e.g. `incident.type`).
        fieldErrors[issue.field] = issue.message as TranslationKey;
      }
      setErrors(fieldErrors);
    } finally {
      setSaving(false);
    }
  }

  const errorId = (field: string) => `${id}-${field}-error`;
  const fieldError = (field: string) => {
    const key = errors[field];
    return key ? (
      <p className="field-error" id={errorId(field)} role="alert">
        {t(key)}
      </p>
    ) : null;
  };
  const describedBy = (field: string) => (errors[field] ? errorId(field) : undefined);
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <section className="screen form-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('form.title')}</h1>
      {hasErrors && (
        <p className="form-error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="observation-form">
        <div className="form-columns">
          <div className="form-fields">
            <fieldset>
              <legend>{t('form.profileTitle')}</legend>
              <div className="field-row">
                <div className="field">
                  <label htmlFor={`${id}-author`}>{t('form.author')}</label>
                  <input
                    id={`${id}-author`}
                    value={author}
                    onChange={(e) => setAuthor(e.target.value)}
                    maxLength={120}
                    aria-invalid={errors.author ? true : undefined}
                    aria-describedby={describedBy('author')}
                  />
                  {fieldError('author')}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-office`}>{t('form.office')}</label>
                  <input
                    id={`${id}-office`}
                    value={office}
                    onChange={(e) => setOffice(e.target.value.toUpperCase())}
                    maxLength={13}
                    placeholder="RS-BEL"
                    aria-invalid={errors.office ? true : undefined}
                    aria-describedby={describedBy('office')}
                  />
                  {fieldError('office')}
                </div>
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('form.kind')}</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ObservationKind)}>
                {OBSERVATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`codelist.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <KindSections
              kind={kind}
              value={details}
              onChange={(patch) => {
                setDetails((d) => ({ ...d, ...patch }));
                // A section's message goes once its fields change; the next save checks again.
                setErrors((e) => Object.fromEntries(Object.entries(e).filter(([field]) => !/^(incident|site|borderStatus)/.test(field))));
              }}
              errorFor={(field) => errors[field]}
            />
            <div className="field">
              <label htmlFor={`${id}-observed`}>{t('form.observedStart')}</label>
              <input
                id={`${id}-observed`}
                type="datetime-local"
                value={observedAt}
                onChange={(e) => setObservedAt(e.target.value)}
                aria-invalid={errors.observedStart ? true : undefined}
                aria-describedby={describedBy('observedStart')}
              />
              {fieldError('observedStart')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-place`}>{t('form.place')}</label>
              <select
                id={`${id}-place`}
                value={pick?.placeId ?? ''}
                onChange={(e) => {
                  const place = placesById.get(e.target.value);
                  setPick(place ? { placeId: place.id, lat: place.lat, lon: place.lon } : null);
                }}
                aria-invalid={errors.placeId ? true : undefined}
                aria-describedby={describedBy('placeId')}
              >
                <option value="">
                  {pick && pick.placeId === null
                    ? t('form.placeFromMap', { lat: pick.lat.toFixed(4), lon: pick.lon.toFixed(4) })
                    : t('form.placeNone')}
                </option>
                {sortedPlaces.map((place) => (
                  <option key={place.id} value={place.id}>
                    {`${place.name} (${place.nameLocal}), ${t(`codelist.country.${place.country}` as TranslationKey)}`}
                  </option>
                ))}
              </select>
              {fieldError('placeId')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-persons`}>{t('form.totalPersons')}</label>
              <input
                id={`${id}-persons`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={totalPersons}
                onChange={(e) => setTotalPersons(e.target.value)}
                aria-invalid={errors.totalPersons ? true : undefined}
                aria-describedby={describedBy('totalPersons')}
              />
              {fieldError('totalPersons')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-summary`}>{t('form.summary')}</label>
              <textarea
                id={`${id}-summary`}
                value={summary}
                onChange={(e) => setSummary(e.target.value)}
                rows={4}
                maxLength={SUMMARY_MAX_LENGTH}
                aria-invalid={errors.summary ? true : undefined}
                aria-describedby={`${id}-summary-count ${describedBy('summary') ?? ''}`.trim()}
              />
              <p className="muted small" id={`${id}-summary-count`}>
                {t('form.summaryCount', { count: formatNumber(summary.length), max: formatNumber(SUMMARY_MAX_LENGTH) })}
              </p>
              {fieldError('summary')}
            </div>
            <button type="submit" className="primary" disabled={saving}>
              {saving ? t('form.saving') : t('form.save')}
            </button>
          </div>
          <div className="form-map">
            <p className="muted small">{t('form.mapHelp')}</p>
            <RouteMap
              places={places}
              points={[]}
              picked={pick}
              onPick={setPick}
              className="picker-map"
              ariaLabel={t('form.mapLabel')}
            />
          </div>
        </div>
      </form>
    </section>
  );
}
