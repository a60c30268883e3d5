/**
 * An issued situation report as it travels between a device and the server, and as
 * both keep it: what it was made from (the parameters), the highlights as the analyst
 * edited them, and the document itself (ReportDocument, with its PNG images as base64
 * text), so that an issued report can be shown and exported again exactly as issued,
 * whatever the records do afterwards. See docs/sync-protocol.md, "Issued reports".
 *
 * The server numbers a report (`{office}-{year}-{seq}`) and names who issued it, from
 * the device's token; the device sends neither. A report is immutable once issued.
 */
import { fromByteArray, toByteArray } from 'base64-js';
import { z } from '../schema/zod';
import { CLASSIFICATIONS, MISSIONS, OBSERVATION_KINDS } from '../observations/codelists';
import { officeCodeSchema } from '../observations/observation-schema';
import { PAPER_SIZES } from './pdf-page';
import type { ReportBlock, ReportCell, ReportDocument } from './report-document';

/** The most highlights a report carries, and the longest one (characters). */
export const MAX_HIGHLIGHTS = 5;
export const MAX_HIGHLIGHT_LENGTH = 500;

/**
 * The largest body of a push of one issued report (JSON, after inflating a gzipped one):
 * a report with its map and chart as PNG images is a few hundred KiB to a few MiB. The
 * server refuses a larger body with 413 before parsing it.
 */
export const MAX_ISSUED_REPORT_BYTES = 8 * 1024 * 1024;

/** Most reports one pull page carries, and the bytes after which a page stops adding them (at least one per page). */
export const MAX_REPORTS_PULL_PAGE = 50;
export const MAX_REPORTS_PULL_PAGE_BYTES = 16 * 1024 * 1024;

const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case UUID');
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD');
const isoTimeSchema = z.iso.datetime({ offset: true });

/** What the report was made from: the period (the office's local days, both included) and the filter's scope. */
export const issuedReportParametersSchema = z.object({
  period: z
    .object({ from: daySchema, to: daySchema })
    .refine((p) => p.from <= p.to, { error: 'the period ends before it starts', path: ['to'] }),
  kinds: z.array(z.enum(OBSERVATION_KINDS)).max(OBSERVATION_KINDS.length),
  missions: z.array(z.enum(MISSIONS)).max(MISSIONS.length),
  placeIds: z.array(z.string().min(1).max(64)).max(2000),
  includeSubmitted: z.boolean(),
  training: z.boolean(),
  classification: z.enum(CLASSIFICATIONS),
  paper: z.enum(PAPER_SIZES),
  /** The office's time zone the period's days were read in (an IANA name). */
  timeZone: z.string().min(1).max(64),
});
export type IssuedReportParameters = z.infer<typeof issuedReportParametersSchema>;

export const highlightsSchema = z.array(z.string().max(MAX_HIGHLIGHT_LENGTH)).max(MAX_HIGHLIGHTS);

/** A PNG's bytes as base64 text: checked to be base64, and to start with the PNG signature. */
const pngBase64Schema = z
  .string()
  .min(12)
  .max(MAX_ISSUED_REPORT_BYTES)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .refine((text) => text.length % 4 === 0, 'must be base64 (a multiple of 4 characters)')
  // base64 of the 8-byte PNG signature 89 50 4E 47 0D 0A 1A 0A.
  .refine((text) => text.startsWith('iVBORw0KGgo'), 'must be a PNG image');

const text = (max: number) => z.string().max(max);
/** A cell: text, or a figure's text with its number and † mark (its link to records is the preview's, not kept). */
const cellSchema = z.union([text(1000), z.object({ text: text(1000), value: z.number().optional(), marked: z.boolean().optional() })]);
const cells = z.array(cellSchema).max(100);
const keySchema = z.string().max(60).regex(/^[a-z0-9-]*$/, 'a key of lower-case letters, digits and dashes');

const blockWireSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: text(20_000), note: z.boolean().optional() }),
  z.object({ kind: z.literal('bullets'), items: z.array(text(5000)).max(500) }),
  z.object({ kind: z.literal('tiles'), tiles: z.array(z.object({ label: text(500), value: cellSchema, changes: z.array(text(1000)).max(10) })).max(12) }),
  z.object({ kind: z.literal('figure'), label: text(1000), value: cellSchema, after: text(1000).optional() }),
  z.object({ kind: z.literal('slot'), name: z.literal('map') }),
  z.object({
    kind: z.literal('table'),
    key: keySchema.optional(),
    title: text(500).optional(),
    columns: z.array(z.object({ label: text(500), numeric: z.boolean() })).max(100),
    rows: z.array(cells).max(50_000),
    total: cells.optional(),
    caption: text(2000).optional(),
  }),
  z.object({
    kind: z.literal('image'),
    pngBase64: pngBase64Schema,
    width: z.number().int().min(1).max(20_000),
    height: z.number().int().min(1).max(20_000),
    alt: text(2000),
    caption: text(2000).optional(),
  }),
]);
export type ReportBlockWire = z.infer<typeof blockWireSchema>;
type ReportCellWire = z.infer<typeof cellSchema>;

/** A ReportDocument as JSON can carry it: images' PNG bytes as base64 text. */
export const reportDocumentWireSchema = z.object({
  classification: text(200),
  title: text(500),
  numberLine: text(500).optional(),
  headerLines: z.array(text(1000)).max(50),
  pageOf: text(200),
  paper: z.enum(PAPER_SIZES),
  sections: z.array(z.object({ key: keySchema, heading: text(500), blocks: z.array(blockWireSchema).max(500), footer: text(2000).optional() })).max(100),
  watermark: text(200).nullable(),
});
export type ReportDocumentWire = z.infer<typeof reportDocumentWireSchema>;

/**
 * What a device pushes: made on the device. Authorship (who issued it, the office, the
 * device) is not part of it: the server takes those from the token, and a body that
 * names them anyway has them dropped by the schema.
 */
export const issuedReportContentSchema = z.object({
  id: uuidSchema,
  parameters: issuedReportParametersSchema,
  highlights: highlightsSchema,
  document: reportDocumentWireSchema,
  /** When the device issued it, by the device's clock: the device's claim, shown as such. */
  issuedAt: isoTimeSchema,
});
export type IssuedReportContent = z.infer<typeof issuedReportContentSchema>;

/** POST /api/v1/reports. */
export const pushReportRequestSchema = z.object({
  protocolVersion: z.number().int(),
  report: issuedReportContentSchema,
});
export type PushReportRequest = z.infer<typeof pushReportRequestSchema>;

/** The report number the server gave: `{office}-{year}-{seq, at least 3 digits}`. */
export const reportNumberSchema = z.string().regex(/^(RS|MK|BA|AL|ME|XK|HQ)-[A-Z0-9]{2,10}-\d{4}-\d{3,}$/);

/** What the server answers a push: the number it gave and the authorship it recorded. */
export const pushReportResponseSchema = z.object({
  id: uuidSchema,
  number: reportNumberSchema,
  issuedBy: z.string().min(1).max(120),
  office: officeCodeSchema,
  receivedAt: isoTimeSchema,
});
export type PushReportResponse = z.infer<typeof pushReportResponseSchema>;

/** An issued report as the server holds it and a pull hands it out. */
export const serverIssuedReportSchema = issuedReportContentSchema.extend({
  number: reportNumberSchema,
  issuedBy: z.string().min(1).max(120),
  office: officeCodeSchema,
  receivedAt: isoTimeSchema,
});
export type ServerIssuedReport = z.infer<typeof serverIssuedReportSchema>;

/** GET /api/v1/reports?after=&limit=. */
export const pullReportsQuerySchema = z.object({
  after: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_REPORTS_PULL_PAGE).optional(),
});

export const pullReportsResponseSchema = z.object({
  reports: z.array(serverIssuedReportSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type PullReportsResponse = z.infer<typeof pullReportsResponseSchema>;

/** The number of the `seq`th report of an office in a year. */
export function formatReportNumber(office: string, year: number, seq: number): string {
  return `${office}-${String(year)}-${String(seq).padStart(3, '0')}`;
}

/** The year a report is numbered in: the year of its period's end. */
export function reportYear(parameters: Pick<IssuedReportParameters, 'period'>): number {
  return Number(parameters.period.to.slice(0, 4));
}

/** A cell as kept: its text, number and mark; the preview's link to records is not kept. */
function cellToWire(cell: ReportCell): ReportCellWire {
  if (typeof cell === 'string') return cell;
  return { text: cell.text, ...(cell.value === undefined ? {} : { value: cell.value }), ...(cell.marked === true ? { marked: true } : {}) };
}

function blockToWire(block: ReportBlock): ReportBlockWire {
  switch (block.kind) {
    case 'image': {
      // The PNG only: an SVG from another device is not kept (the PNG shows the same chart).
      const { png, svg: _svg, ...rest } = block;
      return { ...rest, pngBase64: fromByteArray(png) };
    }
    case 'table':
      return { ...block, rows: block.rows.map((row) => row.map(cellToWire)), ...(block.total === undefined ? {} : { total: block.total.map(cellToWire) }) };
    case 'tiles':
      return { kind: 'tiles', tiles: block.tiles.map((tile) => ({ ...tile, value: cellToWire(tile.value) })) };
    case 'figure':
      return { ...block, value: cellToWire(block.value) };
    case 'paragraph':
    case 'bullets':
    case 'slot':
      return block;
  }
}

function blockFromWire(block: ReportBlockWire): ReportBlock {
  if (block.kind !== 'image') return block;
  const { pngBase64, ...rest } = block;
  return { ...rest, png: toByteArray(pngBase64) };
}

/** A document as it travels and is kept (JSON-safe). */
export function documentToWire(document: ReportDocument): ReportDocumentWire {
  return {
    ...document,
    sections: document.sections.map((section) => ({
      key: section.key,
      heading: section.heading,
      blocks: section.blocks.map(blockToWire),
      ...(section.footer === undefined ? {} : { footer: section.footer }),
    })),
  };
}

/** The document a wire form holds (parse it with reportDocumentWireSchema first). */
export function documentFromWire(wire: ReportDocumentWire): ReportDocument {
  const { numberLine, ...rest } = wire;
  const document: ReportDocument = {
    ...rest,
    sections: wire.sections.map((section) => ({
      key: section.key,
      heading: section.heading,
      blocks: section.blocks.map(blockFromWire),
      ...(section.footer === undefined ? {} : { footer: section.footer }),
    })),
  };
  return numberLine === undefined ? document : { ...document, numberLine };
}
