import '../../shared/schema/zod';
import {
  flowsAggregate,
  flowsNaive,
  mapOpenPoint,
  mapPrepare,
  mapRender,
  mapRenderCount,
  mapRenderSync,
  mapShow,
  mapTimestep,
  markerclusterRender,
  markerclusterTimestep,
} from './map-bench';
import { importCsv } from './import-bench';
import { fillLarge, rawPut, rawQuery, storeInsert, storeQuery } from './store-bench';
import { pouchReplicate, syncRoundtrip } from './sync-bench';

/**
 * The report benches load on first use: their module brings the app's and the report's
 * styles, which must not restyle the page the map benches draw on.
 */
const reportBench = () => import('./report-bench');

/** The entry points `scripts/bench.mjs` calls through Playwright. */
const benches = {
  storeInsert,
  rawPut,
  fillLarge,
  storeQuery,
  rawQuery,
  mapPrepare,
  mapRender,
  mapRenderCount,
  mapRenderSync,
  markerclusterRender,
  mapTimestep,
  markerclusterTimestep,
  flowsAggregate,
  flowsNaive,
  mapShow,
  mapOpenPoint,
  syncRoundtrip,
  pouchReplicate,
  importCsv,
  reportSeed: async (count: number) => (await reportBench()).reportSeed(count),
  reportBuild: async (which: 'year' | 'empty') => (await reportBench()).reportBuild(which),
  reportForget: async () => (await reportBench()).reportForget(),
  rawReadWindow: async (which: 'year' | 'empty') => (await reportBench()).rawReadWindow(which),
  reportRender: async (which: 'year' | 'empty', lean?: boolean) => (await reportBench()).reportRender(which, lean),
  reportDocx: async (which: 'year' | 'empty', lean?: boolean) => (await reportBench()).reportDocx(which, lean),
};

declare global {
  interface Window {
    routewatchBench?: typeof benches;
  }
}

window.routewatchBench = benches;
const state = document.getElementById('state');
if (state) state.textContent = 'ready';
