import Papa from 'papaparse';
import { placeSchema } from './place';
import type { Place } from './place';

export interface GazetteerParseResult {
  places: Place[];
  /** Rows that failed validation, with their 1-based line number, so a bad row is reported, not fatal. */
  rejected: { line: number; reason: string }[];
}

/** Parse the gazetteer CSV (`assets/places/route-places.csv`; header row with id,name,name_local,...). */
export function parseGazetteerCsv(text: string): GazetteerParseResult {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  const places: Place[] = [];
  const rejected: GazetteerParseResult['rejected'] = [];
  const seen = new Set<string>();
  parsed.data.forEach((row, index) => {
    const line = index + 2;
    const result = placeSchema.safeParse({
      id: row.id?.trim(),
      name: row.name?.trim(),
      nameLocal: row.name_local?.trim() ?? '',
      country: row.country?.trim(),
      kind: row.kind?.trim(),
      lat: Number(row.lat),
      lon: Number(row.lon),
      coordStatus: row.coord_status?.trim(),
      active: row.active?.trim() ?? '',
      notes: row.notes?.trim() ?? '',
    });
    if (!result.success) {
      rejected.push({ line, reason: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    } else if (seen.has(result.data.id)) {
      rejected.push({ line, reason: `duplicate id ${result.data.id}` });
    } else {
      seen.add(result.data.id);
      places.push(result.data);
    }
  });
  return { places, rejected };
}
