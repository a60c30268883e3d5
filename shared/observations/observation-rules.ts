/**
 * Validation shared by the form, the import and the server: the schema, then the
 * cross-field rules of PRODUCT.md. Messages are i18n keys (`validation.*`), paths are
 * field names, so the form can show each next to its field.
 */
import { observationInputSchema } from './observation-schema';
import type { ObservationInput } from './observation-schema';

/** Device clocks run a little fast; a time further ahead than this is a typo. */
export const MAX_FUTURE_SKEW_MS = 10 * 60 * 1000;

export interface ValidationIssue {
  field: string;
  message: string;
}

export type InputCheck = { ok: true; value: ObservationInput } | { ok: false; issues: ValidationIssue[] };

export function checkObservationInput(candidate: unknown, nowMs: number): InputCheck {
  const parsed = observationInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || 'form',
        message: issue.message.startsWith('validation.') ? issue.message : `validation.invalid`,
      })),
    };
  }
  const issues: ValidationIssue[] = [];
  if (Date.parse(parsed.data.observedStart) > nowMs + MAX_FUTURE_SKEW_MS) {
    issues.push({ field: 'observedStart', message: 'validation.inFuture' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}
