/**
 * "New observation": the capture form, with the drafts this device holds. A draft
 * resumes exactly as it was left; `#/new?draft=<id>` opens one.
 */
import { useEffect, useState } from 'react';
import { enrolledIdentity } from '../app/current-user';
import { useServices } from '../app/services';
import { hrefFor } from '../app/hash-route';
import { formatNumber, t } from '../i18n/i18n';
import type { DraftRow } from '../store/database';
import { codelistLabel } from '../i18n/codelist-label';
import { ObservationForm } from './form/observation-form';
import type { FormOutcome, SavedForm } from './form/observation-draft-row';
import { emptyDraft } from './form/observation-draft';
import { readSavedForm } from './form/observation-draft-row';

interface Props {
  draftParam: string | null;
  onDone: (outcome: FormOutcome) => void;
}

interface Loaded {
  draftId: string;
  form: SavedForm;
  resumed: boolean;
}

export function NewObservationScreen({ draftParam, onDone }: Props) {
  const { store, drafts, placesById } = useServices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [list, setList] = useState<DraftRow[]>([]);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    // An object, so that the check after each await reads the current value.
    const run = { live: true };
    void (async () => {
      const [profile, enrolment, all] = await Promise.all([store.getMeta('profile'), store.getMeta('enrolment'), drafts.list()]);
      const fresh = emptyDraft(new Date());
      const defaults: SavedForm = {
        // Sensible defaults: now, the office's mission (from the office code), the last place used.
        draft: profile?.lastPlaceId && placesById.has(profile.lastPlaceId) ? { ...fresh, location: { placeId: profile.lastPlaceId, point: null, method: 'gazetteer' } } : fresh,
        // Once enrolled, the enrolment's user (the form shows it as text).
        author: enrolledIdentity(enrolment)?.userName ?? profile?.author ?? '',
        office: enrolment?.office ?? profile?.office ?? '',
      };
      const row = draftParam ? all.find((d) => d.id === draftParam) : undefined;
      if (!run.live) return;
      setMissing(draftParam !== null && row === undefined);
      setList(all.filter((d) => d.recordId === null && d.id !== draftParam));
      setLoaded(
        row
          ? { draftId: row.id, form: readSavedForm(row.form, defaults), resumed: true }
          : { draftId: crypto.randomUUID(), form: defaults, resumed: false },
      );
    })();
    return () => {
      run.live = false;
    };
  }, [store, drafts, placesById, draftParam]);

  async function discard(id: string) {
    await drafts.remove(id);
    setList((l) => l.filter((d) => d.id !== id));
  }

  return (
    <section className="screen form-screen" aria-labelledby="new-observation-title">
      <h1 id="new-observation-title">{loaded?.resumed ? t('form.titleDraft') : t('form.title')}</h1>
      {missing && (
        <p className="warning" role="status">
          {t('form.draftMissing')}
        </p>
      )}
      {list.length > 0 && (
        <details className="draft-list" data-testid="draft-list">
          <summary>{t('form.draftsOnDevice', { count: formatNumber(list.length) })}</summary>
          <ul>
            {list.map((d) => {
              const form = loaded ? readSavedForm(d.form, loaded.form) : null;
              const place = form?.draft.location?.placeId ? placesById.get(form.draft.location.placeId)?.name : undefined;
              return (
                <li key={d.id}>
                  <a href={hrefFor('new', { draft: d.id })}>
                    {t('form.draftItem', {
                      time: new Date(d.updatedAt).toLocaleString(),
                      kind: form ? codelistLabel('kind', form.draft.kind) : '',
                      place: place ?? t('form.draftNoPlace'),
                    })}
                  </a>{' '}
                  <button type="button" className="link-button" onClick={() => void discard(d.id)}>
                    {t('form.discardDraft')}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {loaded && (
        <ObservationForm key={loaded.draftId} draftId={loaded.draftId} recordId={null} initial={loaded.form} resumed={loaded.resumed} onDone={onDone} />
      )}
    </section>
  );
}
