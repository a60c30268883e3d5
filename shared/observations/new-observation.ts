import type { Mission } from './codelists';
import { MISSIONS } from './codelists';
import type { Observation, ObservationInput } from './observation-schema';

export interface AuthorContext {
  author: string;
  office: string;
  device: string;
}

/** The mission an office belongs to: the prefix of its code (`RS-BEL` -> `RS`). */
export function missionOfOffice(office: string): Mission {
  const prefix = office.split('-')[0];
  const mission = MISSIONS.find((m) => m === prefix);
  if (mission === undefined) throw new Error(`office code without a mission: ${office}`);
  return mission;
}

/** A new record from validated input. New records are submitted: drafts come with the full form. */
export function buildObservation(
  input: ObservationInput,
  context: AuthorContext,
  ids: { id: string; hlc: string; reportedAt: string },
): Observation {
  const { kind, observedStart, placeId, location, locationMethod, totalPersons, summary, ...details } = input;
  return {
    ...details,
    id: ids.id,
    kind,
    mission: missionOfOffice(context.office),
    office: context.office,
    author: context.author,
    device: context.device,
    observedStart,
    reportedAt: ids.reportedAt,
    placeId,
    location,
    locationMethod,
    totalPersons,
    summary,
    classification: details.classification ?? 'internal',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: ids.hlc,
  };
}
