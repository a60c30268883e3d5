/**
 * Which office reports a place in training data, and who in that office writes the
 * records. Places in a mission's country go to the nearest office of that mission;
 * places in Greece, Hungary, Croatia, Slovenia and Austria (no mission there) go to an
 * office next door that followed the route across the border.
 */
import type { Mission } from '../../shared/observations/codelists';
import { MISSIONS } from '../../shared/observations/codelists';
import { missionOfOffice } from '../../shared/observations/new-observation';
import { officeCodeSchema } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';

export interface TrainingOffice {
  code: string;
  lat: number;
  lon: number;
  /** Fictional monitors who write the office's training records. */
  authors: readonly string[];
}

export const TRAINING_OFFICES: readonly TrainingOffice[] = [
  { code: 'RS-BEL', lat: 44.8176, lon: 20.4633, authors: ['Jelena Marković', 'Nikola Stojanović', 'Sarah Keller', 'Ivana Popović'] },
  { code: 'RS-PRE', lat: 42.3092, lon: 21.6478, authors: ['Arben Ramadani', 'Dragana Jovanović', 'Marko Ilić'] },
  { code: 'RS-SUB', lat: 46.1, lon: 19.665, authors: ['Zoltán Kovács', 'Milica Tomić', 'Stefan Đorđević'] },
  { code: 'RS-SID', lat: 45.128, lon: 19.228, authors: ['Vesna Lazić', 'Petar Nikolić', 'Tomas Lindqvist'] },
  { code: 'MK-SKO', lat: 41.9981, lon: 21.4254, authors: ['Elena Stojanovska', 'Aleksandar Petrovski', 'Besnik Osmani', 'Marija Dimitrova'] },
  { code: 'BA-SAR', lat: 43.8563, lon: 18.4131, authors: ['Amra Hodžić', 'Emir Begić', 'Lejla Kovačević', 'Claire Dubois'] },
  { code: 'BA-BIH', lat: 44.817, lon: 15.87, authors: ['Adnan Mujić', 'Selma Delić', 'Jasmin Hadžić'] },
  { code: 'AL-TIR', lat: 41.3275, lon: 19.8187, authors: ['Erion Hoxha', 'Anisa Shehu', 'Klodian Krasniqi'] },
  { code: 'ME-POD', lat: 42.4304, lon: 19.2594, authors: ['Milena Vuković', 'Dejan Radović', 'Ana Perović'] },
  { code: 'XK-PRI', lat: 42.6629, lon: 21.1655, authors: ['Valon Berisha', 'Drita Gashi', 'Luca Moretti'] },
];

/**
 * Countries without a mission, and the offices next door that report what happens
 * there: Idomeni from Skopje, the Hungarian border from Subotica, the Croatian border
 * from Sid or Bihac, and Slovenia and Austria (which border no mission) from Sid, whose
 * monitors followed the 2015-16 corridor onwards.
 */
export const FOREIGN_REPORTERS: Readonly<Record<string, readonly string[]>> = {
  GR: ['MK-SKO'],
  HU: ['RS-SUB'],
  HR: ['RS-SID', 'BA-BIH'],
  SI: ['RS-SID'],
  AT: ['RS-SID'],
};

const FIELD_MISSIONS: readonly Mission[] = MISSIONS.filter((m) => m !== 'HQ');

/** The training offices that may report a place in `country`: the mission's own, the neighbours' for a country without one, any otherwise. */
function officesFor(country: string): readonly TrainingOffice[] {
  const own = FIELD_MISSIONS.find((m) => m === country);
  if (own) return TRAINING_OFFICES.filter((o) => missionOfOffice(o.code) === own);
  const foreign = FOREIGN_REPORTERS[country];
  return foreign ? TRAINING_OFFICES.filter((o) => foreign.includes(o.code)) : TRAINING_OFFICES;
}

/** Distance on a flat map scaled by latitude: enough to rank offices. */
function distance(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = a.lat - b.lat;
  const dLon = (a.lon - b.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

/** A small stable hash, so that offices of unknown location share places the same way every run. */
function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The office that reports `place`: the nearest of the training offices that may
 * report its country. When `offices` restricts the choice and leaves that
 * office out, another listed office of the same mission takes the place (the nearest
 * one of known location, otherwise one chosen by a stable hash of the place id); then
 * an HQ office, if one is listed; otherwise no office does (null), and the place is
 * left out of the data.
 */
export function reportingOffice(place: Pick<Place, 'id' | 'country' | 'lat' | 'lon'>, offices?: readonly string[]): string | null {
  const nearest = (list: readonly TrainingOffice[]): TrainingOffice | undefined =>
    list.reduce<TrainingOffice | undefined>((best, office) => (best === undefined || distance(office, place) < distance(best, place) ? office : best), undefined);
  const own = nearest(officesFor(place.country));
  if (offices === undefined) return own?.code ?? null;
  if (own && offices.includes(own.code)) return own.code;
  const mission = own ? missionOfOffice(own.code) : undefined;
  const sameMission = offices.filter((office) => missionOfOffice(office) === mission);
  const located = nearest(TRAINING_OFFICES.filter((o) => sameMission.includes(o.code)));
  if (located) return located.code;
  if (sameMission.length > 0) return sameMission[hashString(place.id) % sameMission.length] ?? null;
  return offices.find((office) => missionOfOffice(office) === 'HQ') ?? null;
}

/** Check office codes given by a caller; throws on one that is not an office code. */
export function checkOfficeCodes(offices: readonly string[]): void {
  for (const office of offices) {
    if (!officeCodeSchema.safeParse(office).success) throw new Error(`not an office code: ${office}`);
  }
}

/** The training monitors of an office; offices not in the table get numbered monitors. */
export function authorsOf(office: string): readonly string[] {
  return TRAINING_OFFICES.find((o) => o.code === office)?.authors ?? [1, 2, 3].map((n) => `Monitor ${n} (${office})`);
}
