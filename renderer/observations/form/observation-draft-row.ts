/**
 * What a draft row of this form holds, and reading one back. A draft saved by an
 * older version of the app may lack fields added since: each group is laid over the
 * empty one, so that the form always gets a complete draft.
 */
import type { ObservationDraft } from './observation-draft';

/** What a draft row holds for the capture form. */
export interface SavedForm {
  draft: ObservationDraft;
  author: string;
  office: string;
}

export interface FormOutcome {
  kind: 'submitted' | 'draft';
  recordId?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readSavedForm(stored: unknown, fallback: SavedForm): SavedForm {
  if (!isObject(stored) || !isObject(stored.draft)) return fallback;
  const saved = stored.draft as Partial<ObservationDraft>;
  const base = fallback.draft;
  const group = <K extends keyof ObservationDraft>(key: K): ObservationDraft[K] => {
    const value: unknown = saved[key];
    const fallbackValue: unknown = base[key];
    if (value === undefined) return base[key];
    return (isObject(value) && isObject(fallbackValue) ? { ...fallbackValue, ...value } : value) as ObservationDraft[K];
  };
  const draft = Object.fromEntries(Object.keys(base).map((key) => [key, group(key as keyof ObservationDraft)])) as unknown as ObservationDraft;
  // A draft's place is what the person chose, even "none": do not put the default place back.
  draft.location = saved.location === undefined ? base.location : (saved.location ?? null);
  return {
    draft,
    author: typeof stored.author === 'string' ? stored.author : fallback.author,
    office: typeof stored.office === 'string' ? stored.office : fallback.office,
  };
}
