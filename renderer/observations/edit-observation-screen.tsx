/**
 * "Edit observation" (`#/edit?id=<uuid>`): the capture form over a stored record. An
 * unfinished edit is kept as a draft of that record and resumed when the record is
 * opened again; submitting stores the change with its revision and queues it for sync.
 */
import { useEffect, useState } from 'react';
import type { Observation } from '../../shared/observations/observation-schema';
import { accessReason } from '../app/access-reason';
import { useCurrentUserState } from '../app/current-user';
import { useServices } from '../app/services';
import { t } from '../i18n/i18n';
import { ObservationForm } from './form/observation-form';
import { draftFromObservation } from './form/observation-draft';
import { readSavedForm } from './form/observation-draft-row';
import type { FormOutcome, SavedForm } from './form/observation-draft-row';

interface Loaded {
  record: Observation;
  draftId: string;
  form: SavedForm;
  resumed: boolean;
  resumedAt: string | null;
}

export function EditObservationScreen({ recordId, onDone }: { recordId: string | null; onDone: (outcome: FormOutcome) => void }) {
  const { store, drafts } = useServices();
  const { loaded: userLoaded, user } = useCurrentUserState();
  const [loaded, setLoaded] = useState<Loaded | 'missing' | null>(null);

  useEffect(() => {
    // An object, so that the check after each await reads the current value.
    const run = { live: true };
    void (async () => {
      const record = recordId ? await store.getObservation(recordId) : undefined;
      if (!record || record.deleted) {
        if (run.live) setLoaded('missing');
        return;
      }
      const profile = await store.getMeta('profile');
      // The editor is who is at the keyboard; the record's author stays its author.
      const fresh: SavedForm = { draft: draftFromObservation(record), author: profile?.author ?? '', office: record.office };
      const pending = await drafts.forRecord(record.id);
      if (!run.live) return;
      setLoaded(
        pending
          ? { record, draftId: pending.id, form: readSavedForm(pending.form, fresh), resumed: true, resumedAt: pending.updatedAt }
          : { record, draftId: crypto.randomUUID(), form: fresh, resumed: false, resumedAt: null },
      );
    })();
    return () => {
      run.live = false;
    };
  }, [store, drafts, recordId]);

  async function discardChanges() {
    if (loaded === null || loaded === 'missing' || recordId === null) return;
    await drafts.remove(loaded.draftId);
    const record = await store.getObservation(recordId);
    if (record) setLoaded({ ...loaded, record, draftId: crypto.randomUUID(), form: { ...loaded.form, draft: draftFromObservation(record) }, resumed: false, resumedAt: null });
  }

  // The rule book decides who may edit (shared/access/roles.ts); the form is not offered otherwise.
  const refusal = loaded && loaded !== 'missing' ? accessReason(user, 'record.edit', loaded.record) : null;

  return (
    <section className="screen form-screen" aria-labelledby="edit-observation-title">
      <h1 id="edit-observation-title">{t('form.editTitle')}</h1>
      {loaded === 'missing' && (
        <p className="warning" role="status">
          {t('form.recordMissing')}
        </p>
      )}
      {loaded && loaded !== 'missing' && userLoaded && refusal !== null && (
        <p className="warning" role="status" data-testid="edit-refused">
          {refusal}
        </p>
      )}
      {loaded && loaded !== 'missing' && userLoaded && refusal === null && (
        <>
          {loaded.resumedAt && (
            <p className="notice" role="status">
              {t('form.editResumed', { time: new Date(loaded.resumedAt).toLocaleString() })}{' '}
              <button type="button" className="link-button" onClick={() => void discardChanges()}>
                {t('form.discardChanges')}
              </button>
            </p>
          )}
          <ObservationForm
            key={loaded.draftId}
            draftId={loaded.draftId}
            recordId={recordId}
            initial={loaded.form}
            resumed={loaded.resumed}
            onDone={onDone}
            editor={user}
          />
        </>
      )}
    </section>
  );
}
