/**
 * Tile sources: where the online map tiles come from. A source is an XYZ URL template
 * with its attribution (plain text, always shown as text), its deepest zoom, and whether
 * its terms allow bulk downloading ("save this area for offline use").
 *
 * User-added sources are parsed with `tileSourceSchema`; a source that fails is refused
 * as a whole, with one code per problem (`TileSourceProblem`), so hostile input never
 * changes what is stored.
 */
import { z } from '../schema/zod';
import { MAX_TILE_ZOOM, type TileCoord } from './tile-math';

/** What can be wrong with a source; the renderer maps each code to a sentence. */
export const TILE_SOURCE_PROBLEMS = [
  'id',
  'name',
  'template.length',
  'template.scheme',
  'template.credentials',
  'template.host',
  'template.syntax',
  'template.placeholders',
  'template.unknownPlaceholder',
  'subdomains',
  'attribution',
  'maxZoom',
] as const;
export type TileSourceProblem = (typeof TILE_SOURCE_PROBLEMS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['z', 'x', 'y', 's']);
/** Scheme, authority (host with optional port, or the {s} placeholder in it), the rest. */
const TEMPLATE_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([/?#].*)?$/;
const HOST = /^(?:[a-zA-Z0-9-]+|\{s\})(?:\.(?:[a-zA-Z0-9-]+|\{s\}))*(?::\d{1,5})?$|^\[[0-9a-fA-F:.]+\](?::\d{1,5})?$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The problems of a URL template; empty when it is usable. */
export function templateProblems(template: string, subdomains: readonly string[]): TileSourceProblem[] {
  if (template.length === 0 || template.length > 2048) return ['template.length'];
  const parts = TEMPLATE_PARTS.exec(template);
  if (parts === null) return ['template.syntax'];
  const [, scheme = '', authority = ''] = parts;
  const problems: TileSourceProblem[] = [];
  if (scheme.toLowerCase() !== 'http' && scheme.toLowerCase() !== 'https') problems.push('template.scheme');
  if (authority.includes('@')) problems.push('template.credentials');
  else if (!HOST.test(authority)) problems.push('template.host');
  if (CONTROL.test(template) || /\s/.test(template)) problems.push('template.syntax');

  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  if (names.some((name) => !KNOWN_PLACEHOLDERS.has(name))) problems.push('template.unknownPlaceholder');
  if (!['z', 'x', 'y'].every((name) => names.includes(name))) problems.push('template.placeholders');
  if (names.includes('s') !== subdomains.length > 0) problems.push('subdomains');

  if (problems.length === 0) {
    // The whole URL, with sample values, must parse as an http(s) URL.
    const sample = fillTemplate(template, { z: 1, x: 1, y: 1 }, subdomains[0] ?? 'a');
    if (!z.url({ protocol: /^https?$/ }).safeParse(sample).success) problems.push('template.syntax');
  }
  return problems;
}

function fillTemplate(template: string, tile: TileCoord, subdomain: string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'z':
        return String(tile.z);
      case 'x':
        return String(tile.x);
      case 'y':
        return String(tile.y);
      case 's':
        return subdomain;
      default:
        return whole;
    }
  });
}

const plainText = (max: number, problem: TileSourceProblem) =>
  z
    .string()
    .trim()
    .min(1, problem)
    .max(max, problem)
    .refine((text) => !CONTROL.test(text), problem);

export const tileSourceSchema = z
  .object({
    /** Stable key of the source's cache (a folder name on disk): lower-case letters, digits, dashes. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'id'),
    name: plainText(80, 'name'),
    urlTemplate: z.string().max(2048, 'template.length'),
    subdomains: z
      .array(z.string().regex(/^[a-zA-Z0-9-]{1,20}$/, 'subdomains'))
      .max(10, 'subdomains')
      .default([]),
    /** Shown as text under the map whenever the source's tiles are. */
    attribution: plainText(300, 'attribution'),
    maxZoom: z.number().int('maxZoom').min(0, 'maxZoom').max(MAX_TILE_ZOOM, 'maxZoom'),
    /** Whether the source's terms allow saving areas for offline use (bulk download). */
    allowsBulkDownload: z.boolean(),
  })
  .strict()
  .superRefine((source, context) => {
    for (const problem of templateProblems(source.urlTemplate, source.subdomains)) {
      context.addIssue({ code: 'custom', message: problem, path: ['urlTemplate'] });
    }
  });

export type TileSource = z.output<typeof tileSourceSchema>;
export type TileSourceInput = z.input<typeof tileSourceSchema>;

export type TileSourceParse = { ok: true; source: TileSource } | { ok: false; problems: TileSourceProblem[] };

const PROBLEM_SET: ReadonlySet<string> = new Set(TILE_SOURCE_PROBLEMS);

/** Parses a source from anything (a form, storage); every problem, each once, in a stable order. */
export function parseTileSource(input: unknown): TileSourceParse {
  const parsed = tileSourceSchema.safeParse(input);
  if (parsed.success) return { ok: true, source: parsed.data };
  const found = new Set(parsed.error.issues.map((issue) => (PROBLEM_SET.has(issue.message) ? issue.message : problemOfPath(issue.path))));
  return { ok: false, problems: TILE_SOURCE_PROBLEMS.filter((problem) => found.has(problem)) };
}

/** Zod's own messages (a wrong type, an unknown key) become the problem of their field. */
function problemOfPath(path: readonly PropertyKey[]): TileSourceProblem {
  const field = path[0];
  const own: readonly TileSourceProblem[] = ['id', 'name', 'subdomains', 'attribution', 'maxZoom'];
  return own.find((problem) => problem === field) ?? 'template.syntax';
}

/** The URL of one tile. Subdomains rotate by position, so a tile always has the same URL. */
export function tileUrl(source: Pick<TileSource, 'urlTemplate' | 'subdomains'>, tile: TileCoord): string {
  const { subdomains } = source;
  const subdomain = subdomains.length === 0 ? '' : (subdomains[(tile.x + tile.y) % subdomains.length] ?? '');
  return fillTemplate(source.urlTemplate, tile, subdomain);
}

/**
 * OpenStreetMap's standard tiles: offered for viewing only. The OSM Foundation's tile
 * usage policy forbids bulk downloading ("prefetching"), so the app never saves areas
 * from it and fetches only the tiles a person looks at.
 * https://operations.osmfoundation.org/policies/tiles/
 */
export const OSM_STANDARD: TileSource = {
  id: 'osm-standard',
  name: 'OpenStreetMap',
  urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: '© OpenStreetMap contributors',
  maxZoom: 19,
  allowsBulkDownload: false,
};

/** Sources the app knows without configuration; the organisation's own server is added by the user. */
export const BUILT_IN_TILE_SOURCES: readonly TileSource[] = [OSM_STANDARD];

/** Built-in ids a user-added source may not take. */
export function isBuiltInSourceId(id: string): boolean {
  return BUILT_IN_TILE_SOURCES.some((source) => source.id === id);
}
