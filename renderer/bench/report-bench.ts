/**
 * The report figures of issue 11 in Chromium, on the bench page: figures only, no pass/fail.
 *
 * The records: 100,000 training observations (the generator of Device & sync → Load
 * training data, every kind) over the one year 2016, stored through the store's
 * addTrainingObservations as that button stores them (training, submitted). Training
 * records count only in a training report, so every report here is one: training and
 * submitted records included, as an analyst would ask for it with training data.
 *
 * - reportBuild: the real report worker on a job for 2016 (reportWindow's load: the year,
 *   the year before and the look-back), from postMessage to the figures unpacked on the
 *   page: reading the spans from IndexedDB in the worker, every figure, the message back.
 *   The worker is one started ahead, as the report screen starts it (report-workers.ts).
 * - rawReadWindow: the same spans read with the raw IndexedDB API (getAll on the
 *   observedStart index), on the page: what the computation adds to reading.
 * - reportRender + the runner's page.pdf: the figures as the report document
 *   (buildReportDocument, English) rendered with ReportDocumentView into the page; the
 *   map slot holds a PNG the size of the report map's picture (the live Leaflet map is
 *   not drawn here).
 * - reportDocx: the figures to DOCX bytes (buildReportDocument, the map PNG in the slot,
 *   withChartPngs, reportDocxBytes), as "Export DOCX" does after documentWithPictures.
 * The empty period (2030, no records) is every figure's fixed-cost baseline. `lean`
 * leaves out the annex's list of every official figure (see withoutOfficialList).
 */
import '../app/app.css';
import '../reports/report.css';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import type { PlaceFacts } from '../../shared/reports/movements';
import { playwrightPdfOptions, reportPdfSpec } from '../../shared/reports/pdf-page';
import type { ReportDocument } from '../../shared/reports/report-document';
import { fillSlots } from '../../shared/reports/report-document';
import { reportDocxBytes } from '../../shared/reports/report-docx';
import type { ReportPeriod } from '../../shared/reports/report-period';
import { reportWindow } from '../../shared/reports/report-window';
import { generateTrainingObservations } from '../training/training-data';
import type { FilterState } from '../filter/filter-state';
import { FilterProvider, toIndexFilter } from '../filter/filter-state';
import { setLanguage, t } from '../i18n/i18n';
import type { ReportFigures, ReportJob, ReportWorkerMessage } from '../reports/compute/report-job';
import { buildReportDocument } from '../reports/document/build-report-document';
import { highlightSentence } from '../reports/document/highlight-sentences';
import { ReportDocumentView } from '../reports/document/report-document-view';
import { withChartPngs } from '../reports/export/report-pictures';
import { unpackFigures } from '../reports/compute/figures-message';
import { prepareReportWorker, takeReportWorker } from '../reports/compute/report-workers';
import { describeFilter } from '../reports/report-filter';
import { openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { deleteDatabase } from './store-bench';
import { benchCipher } from './bench-cipher';

const DB_NAME = 'bench-report-100k';
const BATCH = 2000;
type Which = 'year' | 'empty';
/** The year the records span, and a year without records (the fixed cost). */
const FILTERS: Record<Which, FilterState> = {
  year: { fromDate: '2016-01-01', toDate: '2016-12-31', kinds: [], statuses: [], missions: [], placeIds: [], text: '' },
  empty: { fromDate: '2030-01-01', toDate: '2030-12-31', kinds: [], statuses: [], missions: [], placeIds: [], text: '' },
};

const { places } = parseGazetteerCsv(gazetteerCsv);
const placesById = new Map(places.map((p) => [p.id, p]));
const placeFacts = places.map((p): [string, PlaceFacts] => [p.id, { kind: p.kind, country: p.country }]);
/** The office's time zone, as the report screen takes it. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const figuresOf: Partial<Record<Which, ReportFigures>> = {};
let mapPng: Uint8Array | null = null;
let root: Root | null = null;

function periodOf(which: Which): ReportPeriod {
  const period = toIndexFilter(FILTERS[which]);
  if (period === null) throw new Error('bad bench period');
  return { from: period.from, to: period.to };
}

function jobOf(which: Which, dataKey: CryptoKey | null): ReportJob {
  const period = periodOf(which);
  return {
    databaseName: DB_NAME,
    dataKey,
    period,
    load: reportWindow(period, timeZone).load,
    includeSubmitted: true,
    training: true,
    timeZone,
    showSourceNames: true,
    scope: { kinds: [], missions: [], placeIds: [] },
    places: placeFacts,
  };
}

/** Empty the report's per-day cache (report-days.ts): the next build reads every record whole and builds it (report.build.100k.cold). */
export async function reportForget(): Promise<void> {
  const db = openDatabase(DB_NAME);
  await db.reportMonths.clear();
  db.close();
}

/** Seed the report database with `count` training observations over 2016 (untimed); returns [ms, stored]. */
export async function reportSeed(count: number): Promise<[number, number]> {
  const started = performance.now();
  await deleteDatabase(DB_NAME);
  const store = new ObservationStore(openDatabase(DB_NAME), { cipher: await benchCipher() });
  await store.localDeviceId();
  let batch = [];
  let stored = 0;
  for (const item of generateTrainingObservations({ places, count, seed: 42, start: new Date('2016-01-01T00:00:00Z'), end: new Date('2017-01-01T00:00:00Z') })) {
    batch.push(item);
    if (batch.length === BATCH) {
      stored += await store.addTrainingObservations(batch);
      batch = [];
    }
  }
  if (batch.length > 0) stored += await store.addTrainingObservations(batch);
  store.db.close();
  return [performance.now() - started, stored];
}

export interface BuildTimes {
  /** postMessage to the 'done' message on the page. */
  total: number;
  /** The worker's own time from the job to its 'done' (millis), and of it reading IndexedDB (readMillis). */
  worker: number;
  read: number;
  records: number;
  /** The counted records the map draws, and the groups the worker posted them as. */
  counted: number;
  groups: number;
}

/** The report worker on the period's job, as use-report-figures.ts starts it; keeps the figures for the render and the DOCX. */
export async function reportBuild(which: Which): Promise<BuildTimes> {
  // The key the app's screen posts with each job, to open the official figures' source names.
  const dataKey = (await benchCipher()).key ?? null;
  // As the screen: a worker started ahead takes the job, and the next one starts after it (report-workers.ts).
  const worker = takeReportWorker();
  return new Promise<BuildTimes>((resolve, reject) => {
    let started = 0;
    let times: BuildTimes | null = null;
    worker.onmessage = (event: MessageEvent<ReportWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') return;
      // As on the report screen, the worker lives on after its figures until it has cached
      // the days it read whole: the figure is timed to 'done', the next run starts after
      // 'cached', so that no run shares the machine with the last one's caching.
      if (message.type === 'cached') {
        worker.terminate();
        if (times !== null) resolve(times);
        return;
      }
      if (message.type === 'failed') {
        worker.terminate();
        reject(new Error(message.message));
        return;
      }
      // As the screen takes them: unpacked, inside the time.
      const figures = unpackFigures(message.figures);
      const total = performance.now() - started;
      prepareReportWorker();
      figuresOf[which] = figures;
      times = { total, worker: message.millis, read: message.readMillis ?? Number.NaN, records: message.records, counted: figures.mapGroups.reduce((n, g) => n + g.records, 0), groups: figures.mapGroups.length };
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    started = performance.now();
    worker.postMessage(jobOf(which, dataKey));
  });
}

/** The same spans read with the raw IndexedDB API on the page; returns [ms, records]. */
export async function rawReadWindow(which: Which): Promise<[number, number]> {
  const { load } = jobOf(which, null);
  const started = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  let records = 0;
  for (const span of load) {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('observations', 'readonly').objectStore('observations').index('observedStart').getAll(IDBKeyRange.bound(span.from, span.to, false, true));
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('getAll failed'));
      };
    });
    records += rows.length;
  }
  const elapsed = performance.now() - started;
  db.close();
  return [elapsed, records];
}

/**
 * A PNG the size of the report map's picture (158 × 100 mm at twice the size, as
 * report-pictures.ts snapshots it), with enough drawn on it not to compress to nothing.
 */
async function mapPicturePng(): Promise<Uint8Array> {
  if (mapPng !== null) return mapPng;
  const canvas = document.createElement('canvas');
  canvas.width = 1194;
  canvas.height = 756;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas');
  context.fillStyle = '#dfe9f3';
  context.fillRect(0, 0, canvas.width, canvas.height);
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < 400; i++) {
    context.fillStyle = `hsl(${String(Math.round(random() * 360))} 50% 60% / 0.6)`;
    context.beginPath();
    context.arc(random() * canvas.width, random() * canvas.height, 4 + random() * 30, 0, Math.PI * 2);
    context.fill();
  }
  const blob = await new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((b) => (b === null ? reject(new Error('no PNG')) : resolve(b)), 'image/png');
  });
  mapPng = new Uint8Array(await blob.arrayBuffer());
  return mapPng;
}

/**
 * `lean`: without the annex's list of every official figure (the 'official-all' table),
 * which at 100,000 training records holds about 25,000 rows: a bench-only variant that
 * says what the rest of the report costs.
 */
function withoutOfficialList(document: ReportDocument): ReportDocument {
  return { ...document, sections: document.sections.map((section) => ({ ...section, blocks: section.blocks.filter((block) => !(block.kind === 'table' && block.key === 'official-all')) })) };
}

/** The report document as the screen builds it (highlights as generated, English), its map slot holding the PNG. */
async function documentOf(which: Which, lean = false): Promise<ReportDocument> {
  const figures = figuresOf[which];
  if (figures === undefined) throw new Error(`call reportBuild('${which}') first`);
  setLanguage('en');
  const filter = FILTERS[which];
  const document = buildReportDocument(figures, {
    placesById,
    includeSubmitted: true,
    filterText: describeFilter(filter, placesById),
    period: periodOf(which),
    fromDate: filter.fromDate,
    toDate: filter.toDate,
    timeZone,
    asOf: new Date(),
    office: 'RS-BEL',
    classification: t('codelist.classification.internal').toLocaleUpperCase(),
    paper: 'A4',
    training: true,
    highlights: figures.highlights.map((h) => highlightSentence(h, { placesById })),
  });
  const png = await mapPicturePng();
  return fillSlots(lean ? withoutOfficialList(document) : document, { map: { kind: 'image', png, width: 1194 / 2, height: 756 / 2, alt: t('report.map.imageAlt'), caption: t('report.map.ownCaption') } });
}

/** Resolves after the browser has painted the frame that follows the caller's work. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/**
 * The report rendered into the page alone (the bench page's other content hidden), its
 * pictures decoded, painted; returns the ms and the options the runner prints with
 * (reportPdfSpec, as Electron's printToPDF takes them).
 */
export async function reportRender(which: Which, lean = false): Promise<{ ms: number; pdfOptions: ReturnType<typeof playwrightPdfOptions>; rows: number }> {
  const started = performance.now();
  const document = await documentOf(which, lean);
  for (const element of window.document.body.children) if (element.id !== 'bench-report') (element as HTMLElement).style.display = 'none';
  let holder = window.document.getElementById('bench-report');
  if (holder === null) {
    holder = window.document.createElement('div');
    holder.id = 'bench-report';
    window.document.body.append(holder);
  }
  root?.unmount();
  root = createRoot(holder);
  const view = createElement(ReportDocumentView, { document, includeSubmitted: true, appName: t('app.name') });
  flushSync(() => {
    root?.render(createElement(FilterProvider, null, view));
  });
  await Promise.all([...holder.querySelectorAll('img')].map((img) => img.decode()));
  await painted();
  const text = {
    classification: document.classification,
    title: document.numberLine === undefined ? document.title : `${document.title} · ${document.numberLine}`,
    pageOf: document.pageOf,
    ...(document.watermark === null ? {} : { watermark: document.watermark }),
  };
  return { ms: performance.now() - started, pdfOptions: playwrightPdfOptions(reportPdfSpec(document.paper, text)), rows: holder.querySelectorAll('tr').length };
}

/** ms from the figures to the DOCX bytes, and their size. */
export async function reportDocx(which: Which, lean = false): Promise<[number, number]> {
  const started = performance.now();
  const document = await withChartPngs(await documentOf(which, lean));
  const bytes = await reportDocxBytes(document);
  return [performance.now() - started, bytes.length];
}
