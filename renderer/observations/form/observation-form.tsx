/**
 * The one capture form, for new records and for edits. Its sections follow the kind
 * (sections-by-kind.ts). What is typed is saved as a draft as it is typed; "Save draft"
 * always works, "Submit" runs the shared schema and rules, then asks about likely
 * duplicates and warnings before storing.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode, SyntheticEvent } from 'react';
import type { User } from '../../../shared/access/roles';
import { OBSERVATION_KINDS } from '../../../shared/observations/codelists';
import type { ObservationKind } from '../../../shared/observations/codelists';
import { findLikelyDuplicates } from '../../../shared/observations/duplicate-check';
import type { DuplicateEntry } from '../../../shared/observations/duplicate-check';
import { missionOfOffice } from '../../../shared/observations/new-observation';
import { checkObservationInput } from '../../../shared/observations/observation-rules';
import type { ValidationIssue } from '../../../shared/observations/observation-rules';
import { AUTHOR_MAX_LENGTH, officeCodeSchema } from '../../../shared/observations/observation-schema';
import { placeWarnings } from '../../../shared/observations/place-rules';
import { applyReview } from '../../../shared/review/review-transitions';
import { useEnrolledIdentity } from '../../app/current-user';
import { useServices } from '../../app/services';
import { t } from '../../i18n/i18n';
import { RouteMap } from '../../map/route-map';
import { CountsFields } from './counts-fields';
import { DuplicatePanel } from './duplicate-panel';
import { ErrorSummary } from './error-summary';
import { errorsOf, FieldErrorsProvider, NumberField, overLimit, TextField } from './form-fields';
import type { FieldError, FieldErrors } from './form-fields';
import { BorderFields, IncidentFields, SiteFields } from './kind-details';
import { MovementFields } from './movement-fields';
import { NationalityRows } from './nationality-rows';
import { draftToCandidate, shownSections } from './observation-draft';
import type { FormOutcome, SavedForm } from './observation-draft-row';
import type { ObservationDraft } from './observation-draft';
import { FORM_SECTIONS, openSectionsFor, orderedSections } from './sections-by-kind';
import type { FormSection } from './sections-by-kind';
import { SourceFields } from './source-fields';
import { RecordDetailsFields, SummaryField } from './summary-fields';
import { TraffickingFields } from './trafficking-fields';
import { useDraftAutosave } from './use-draft-autosave';
import { VulnerabilityFields } from './vulnerability-fields';
import { StartField, TimeDetailsFields } from './when-fields';
import { ChosenPoint, PlaceDetailsFields, PlaceField } from './where-fields';
import { FormPanel } from './form-panel';
import { filledCount, panelsWithErrors } from './form-panels';
import type { FormPanel as FormPanelName } from './form-panels';
import { nearbyIndexEntries } from './nearby-entries';
import { placeFactsOf } from './place-facts';
import { useWithheldFields } from './use-withheld-fields';
import './observation-form.css';
import { WithheldFieldsError } from '../../store/withheld-fields';


interface Props {
  draftId: string;
  /** Set when the form edits a stored record. */
  recordId: string | null;
  initial: SavedForm;
  /** The form was resumed from a saved draft (not fresh). */
  resumed: boolean;
  onDone: (outcome: FormOutcome) => void;
  /** Who edits (for a stored record): resubmitting a returned record is theirs to do. */
  editor?: User | null;
}

export function ObservationForm({ draftId, recordId, initial, resumed, onDone, editor = null }: Props) {
  const { store, drafts, sync, places, placesById } = useServices();
  const [draft, setDraft] = useState(initial.draft);
  const [author, setAuthor] = useState(initial.author);
  const [office, setOffice] = useState(initial.office);
  // Once enrolled, who records is the enrolment's user and office: shown, never typed.
  const enrolled = useEnrolledIdentity();
  const identity = enrolled.loaded ? enrolled.identity : null;
  // An edit keeps its record's office; a new record takes the enrolled office.
  const who = identity ? { author: identity.userName, office: recordId === null ? identity.office : office } : { author, office };
  const [dirty, setDirty] = useState(resumed);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirm, setConfirm] = useState<{ duplicates: DuplicateEntry[]; warnings: ValidationIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const placeInputId = `${useId()}-place`;
  // Panels opened or closed by hand (or opened by adding a section); see isOpen below.
  const [openedPanels, setOpenedPanels] = useState<ReadonlySet<FormPanelName>>(new Set());
  const [closedPanels, setClosedPanels] = useState<ReadonlySet<FormPanelName>>(new Set());
  // Fields the server withheld from this device: shown as withheld, and the record cannot
  // be submitted from here (the store refuses it: sent, it would clear them on the server).
  const withheld = useWithheldFields(recordId);
  const [refusedWithheld, setRefusedWithheld] = useState(false);
  const locked = withheld.size > 0 || refusedWithheld;

  const saved: SavedForm = useMemo(() => ({ draft, author, office }), [draft, author, office]);
  const autosave = useDraftAutosave(drafts, draftId, recordId, saved, dirty);

  const update = (patch: Partial<ObservationDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setConfirm(null);
  };

  // A new record starts where typing starts: who records, when not known yet; else the
  // place (its text selected, so that typing replaces the last place used). Kind and
  // time come before it, and keep their defaults in the common case.
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (recordId !== null || !enrolled.loaded || focusedOnce.current) return;
    focusedOnce.current = true;
    const needsProfile = !identity && (author.trim() === '' || office.trim() === '');
    const target = needsProfile ? formRef.current?.querySelector('input') : document.getElementById(placeInputId);
    if (target instanceof HTMLInputElement) {
      target.focus();
      target.select();
    }
  }, [recordId, enrolled.loaded, identity, author, office, placeInputId]);

  function profileErrors(): Record<string, FieldError> {
    const found: Record<string, FieldError> = {};
    // Over its limit the name is kept as typed and said to be too long: submit refuses it too.
    const longName = overLimit(who.author.trim(), AUTHOR_MAX_LENGTH);
    if (who.author.trim() === '') found.author = 'validation.required';
    else if (longName) found.author = longName;
    if (!officeCodeSchema.safeParse(who.office.trim()).success) found.office = 'validation.officeCode';
    return found;
  }

  async function submit(event: SyntheticEvent, confirmed = false): Promise<void> {
    event.preventDefault();
    if (locked) return;
    const found = profileErrors();
    const candidate = draftToCandidate(draft);
    const mission = found.office ? undefined : missionOfOffice(who.office.trim());
    const check = checkObservationInput(candidate, Date.now(), mission);
    const all = { ...(check.ok ? {} : errorsOf(check.issues)), ...found };
    if (candidate.observedStart === null) all.observedStart = 'validation.dateTime';
    if (Object.keys(all).length > 0) {
      setErrors(all);
      setConfirm(null);
      return;
    }
    if (!check.ok) return;
    setErrors({});
    setBusy(true);
    try {
      if (!confirmed) {
        const duplicates = findLikelyDuplicates(
          {
            kind: check.value.kind,
            placeId: check.value.placeId,
            lat: check.value.location?.lat ?? null,
            lon: check.value.location?.lon ?? null,
            timeMs: Date.parse(check.value.observedStart),
            persons: check.value.totalPersons,
          },
          await nearbyIndexEntries(store, check.value.kind, Date.parse(check.value.observedStart)),
          recordId ?? undefined,
        );
        const place = check.value.placeId ? placesById.get(check.value.placeId) : undefined;
        const facts = await placeFactsOf(store, place, { kind: check.value.kind, timeMs: Date.parse(check.value.observedStart), id: recordId });
        // Over capacity is already flagged beside the site's fields; the rest need a second look here.
        const warnings = [...check.warnings, ...placeWarnings(check.value, who.office.trim(), facts)].filter((w) => w.message !== 'validation.overCapacity');
        if (duplicates.length > 0 || warnings.length > 0) {
          setConfirm({ duplicates, warnings });
          return;
        }
      }
      const profile = { author: who.author.trim(), office: who.office.trim() };
      let id = recordId;
      if (recordId === null) {
        const [record] = await store.createObservations([candidate], profile);
        id = record?.id ?? null;
      } else {
        await store.updateObservation(recordId, candidate, profile.author);
        await resubmitIfReturned(recordId, profile.author);
      }
      autosave.cancel();
      await drafts.remove(draftId);
      await store.setMeta('profile', { ...profile, lastPlaceId: check.value.placeId ?? undefined });
      void sync.noteLocalChange();
      onDone({ kind: 'submitted', recordId: id ?? undefined });
    } catch (error) {
      // A pull withheld fields of the record since the form opened: nothing was stored.
      if (error instanceof WithheldFieldsError) {
        setConfirm(null);
        setRefusedWithheld(true);
        return;
      }
      // The store judges again (the same rules); show anything it found at its field.
      if (error instanceof Error && 'issues' in error && Array.isArray(error.issues)) {
        setErrors(errorsOf(error.issues as ValidationIssue[]));
        return;
      }
      throw error;
    } finally {
      setBusy(false);
    }
  }

  /**
   * A record returned by a reviewer goes back to the queue once its author has fixed
   * it: the edit is the answer to the reviewer's note.
   */
  async function resubmitIfReturned(id: string, by: string) {
    const record = await store.getObservation(id);
    if (!record || record.reviewStatus !== 'returned' || editor === null) return;
    const result = applyReview(record, 'submit', { user: editor, nowIso: new Date().toISOString() });
    if (result.ok) await store.saveReviewed(result.record, by);
  }

  async function saveDraft() {
    setDirty(true);
    await autosave.flush();
    onDone({ kind: 'draft' });
  }

  const section = (name: FormSection) => {
    switch (name) {
      case 'movement':
        return <MovementFields key={name} value={draft.movement} places={places} onChange={(p) => update({ movement: { ...draft.movement, ...p } })} />;
      case 'counts':
        return <CountsFields key={name} value={draft.counts} onChange={(p) => update({ counts: { ...draft.counts, ...p } })} />;
      case 'nationalities':
        return <NationalityRows key={name} rows={draft.nationalities} onChange={(nationalities) => update({ nationalities })} />;
      case 'vulnerabilities':
        return <VulnerabilityFields key={name} value={draft.vulnerabilities} onChange={(vulnerabilities) => update({ vulnerabilities })} />;
      case 'incident':
        return <IncidentFields key={name} value={draft.incident} onChange={(p) => update({ incident: { ...draft.incident, ...p } })} />;
      case 'site':
        return <SiteFields key={name} value={draft.site} onChange={(p) => update({ site: { ...draft.site, ...p } })} />;
      case 'borderStatus':
        return <BorderFields key={name} value={draft.borderStatus} onChange={(p) => update({ borderStatus: { ...draft.borderStatus, ...p } })} />;
      case 'trafficking':
        return (
          <TraffickingFields
            key={name}
            value={draft.traffickingIndicators}
            onChange={(traffickingIndicators) => update({ traffickingIndicators })}
            withheld={withheld.has('traffickingIndicators')}
          />
        );
    }
  };

  const kindSections = orderedSections(draft.kind, draft.extraSections);
  // Withheld indicators are shown as such even where the kind has no section for them: not as "none".
  const sections = withheld.has('traffickingIndicators') && !kindSections.includes('trafficking') ? [...kindSections, 'trafficking' as const] : kindSections;
  const pickedPlace = draft.location?.placeId ? placesById.get(draft.location.placeId) : undefined;
  const picked = draft.location?.point ?? (pickedPlace ? { lat: pickedPlace.lat, lon: pickedPlace.lon } : null);
  const needed = openSectionsFor(draft.kind);
  // The kind's own sections on the first screen: what the kind is about first, then who.
  const firstScreen = sections.filter((s) => needed.has(s) && s !== 'nationalities');
  const later = sections.filter((s) => !needed.has(s));
  const erred = panelsWithErrors(Object.keys(errors));
  const filledIn = (panel: Panel): number =>
    filledCount(panel, draft) +
    (panel === 'record' && withheld.has('notes') ? 1 : 0) +
    (panel === 'trafficking' && withheld.has('traffickingIndicators') ? 1 : 0);
  // Open: holding a message to correct, or opened, or holding something (unless closed by hand).
  const isOpen = (panel: Panel): boolean => erred.has(panel) || (!closedPanels.has(panel) && (openedPanels.has(panel) || filledIn(panel) > 0));
  const toggle = (panel: Panel) => {
    const open = isOpen(panel);
    setOpenedPanels((s) => withOrWithout(s, panel, !open));
    setClosedPanels((s) => withOrWithout(s, panel, open));
  };
  const panel = (name: Panel, title: string, body: ReactNode) => (
    <FormPanel key={name} title={title} filled={filledIn(name)} open={isOpen(name)} pinned={erred.has(name)} onToggle={() => toggle(name)} testId={`panel-${name}`}>
      {body}
    </FormPanel>
  );

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    // Ctrl+Enter (Cmd+Enter) submits from any field; a field that used the key (the place list) has had it.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) void submit(event);
  }

  return (
    <FieldErrorsProvider errors={errors}>
      <ErrorSummary errors={errors} title={recordId ? t('form.fixErrorsEdit') : t('form.fixErrors')} />
      {locked && (
        <p className="warning" role="status" data-testid="form-withheld">
          {t('form.withheldLocked')}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate className="observation-form" ref={formRef}>
        <div className="form-layout">
          <div className="form-body">
            <div className="form-first">
              <div className="form-column">
                <div className="form-who">
                  {!enrolled.loaded ? null : identity ? (
                    <p className="form-identity muted small" data-testid="form-identity">
                      <span>{t('form.authorEnrolled')}: </span>
                      <strong data-testid="form-author">{who.author}</strong>
                      <span> · {t('form.officeEnrolled')}: </span>
                      <strong data-testid="form-office">{who.office}</strong>
                      <span> · {t('form.identityFromEnrolment')}</span>
                    </p>
                  ) : (
                    <div className="field-row">
                      <TextField label={t('form.author')} path="author" value={author} maxLength={AUTHOR_MAX_LENGTH} onChange={(v) => { setAuthor(v); setDirty(true); }} />
                      <TextField label={t('form.office')} path="office" value={office} maxLength={13} onChange={(v) => { setOffice(v.toUpperCase()); setDirty(true); }} />
                    </div>
                  )}
                </div>
                <div className="field-row">
                  <KindField kind={draft.kind} onChange={(kind) => update({ kind })} />
                  <StartField value={draft.observedStart} onChange={(observedStart) => update({ observedStart })} />
                </div>
                <PlaceField location={draft.location} places={places} onLocation={(location) => update({ location })} inputId={placeInputId} />
                <ChosenPoint location={draft.location} onLocation={(location) => update({ location })} />
                <NumberField label={t('form.totalPersons')} path="totalPersons" value={draft.totalPersons} onChange={(totalPersons) => update({ totalPersons })} />
                {firstScreen.map(section)}
              </div>
              <div className="form-column">
                {needed.has('nationalities') && sections.includes('nationalities') && section('nationalities')}
                <SummaryField value={draft.summary} onChange={(summary) => update({ summary })} />
                <SourceFields value={draft.source} onChange={(p) => update({ source: { ...draft.source, ...p } })} nameWithheld={withheld.has('source.name')} />
                {confirm && (
                  <DuplicatePanel
                    duplicates={confirm.duplicates}
                    warnings={confirm.warnings}
                    onSubmitAnyway={(e) => void submit(e, true)}
                    onCancel={() => setConfirm(null)}
                  />
                )}
                <div className="form-actions">
                  <button type="submit" className="primary" disabled={busy || locked}>
                    {busy ? t('form.saving') : recordId ? t('form.submitEdit') : t('form.save')}
                  </button>
                  <button type="button" className="secondary" onClick={() => void saveDraft()} disabled={busy}>
                    {t('form.saveDraft')}
                  </button>
                  <span className="muted small">{t('form.submitShortcut')}</span>
                  <span className="muted small" role="status" data-testid="draft-status">
                    {autosave.savedAt ? t('form.draftSavedAt', { time: autosave.savedAt.toLocaleTimeString() }) : ''}
                  </span>
                </div>
              </div>
            </div>
            <div className="form-more">
              <h2 className="form-more-title">{t('form.moreTitle')}</h2>
              {later.map((name) => panel(name, t(`form.section.${name}`), section(name)))}
              {panel(
                'timePlace',
                t('form.panel.timePlace'),
                <>
                  <TimeDetailsFields value={draft} onChange={update} />
                  <PlaceDetailsFields precision={draft.locationPrecision} onLocation={(location) => update({ location })} onPrecision={(locationPrecision) => update({ locationPrecision })} />
                </>,
              )}
              {panel('record', t('form.panel.record'), <RecordDetailsFields value={draft} onChange={update} notesWithheld={withheld.has('notes')} />)}
              <AddSections
                draft={draft}
                onAdd={(added) => {
                  update({ extraSections: [...draft.extraSections, added] });
                  setOpenedPanels((s) => withOrWithout(s, added, true));
                  setClosedPanels((s) => withOrWithout(s, added, false));
                }}
              />
            </div>
          </div>
          <div className="form-map">
            <p className="muted small">{t('form.mapHelp')}</p>
            <RouteMap
              places={places}
              points={[]}
              picked={picked}
              onPick={(pick) =>
                update({
                  location: pick.placeId ? { placeId: pick.placeId, point: null, method: 'gazetteer' } : { placeId: null, point: { lat: pick.lat, lon: pick.lon }, method: 'map_click' },
                })
              }
              className="picker-map"
              ariaLabel={t('form.mapLabel')}
            />
          </div>
        </div>
      </form>
    </FieldErrorsProvider>
  );
}

type Panel = FormPanelName;

function withOrWithout<T>(set: ReadonlySet<T>, item: T, present: boolean): ReadonlySet<T> {
  if (set.has(item) === present) return set;
  const next = new Set(set);
  if (present) next.add(item);
  else next.delete(item);
  return next;
}

/** Offer the sections the kind does not show by itself, for the observation that needs one. */
function AddSections({ draft, onAdd }: { draft: ObservationDraft; onAdd: (section: FormSection) => void }) {
  const shown = shownSections(draft);
  const more = FORM_SECTIONS.filter((s) => !shown.has(s));
  if (more.length === 0) return null;
  return (
    <p className="add-sections">
      <span className="muted small">{t('form.addSection')}</span>{' '}
      {more.map((s) => (
        <button key={s} type="button" className="link-button" onClick={() => onAdd(s)}>
          {t(`form.section.${s}`)}
        </button>
      ))}
    </p>
  );
}

function KindField({ kind, onChange }: { kind: ObservationKind; onChange: (kind: ObservationKind) => void }) {
  return (
    <div className="field">
      <label htmlFor="observation-kind">{t('form.kind')}</label>
      <select id="observation-kind" value={kind} onChange={(e) => onChange(e.target.value as ObservationKind)}>
        {OBSERVATION_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`codelist.kind.${k}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
