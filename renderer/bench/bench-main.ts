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
};

declare global {
  interface Window {
    routewatchBench?: typeof benches;
  }
}

window.routewatchBench = benches;
const state = document.getElementById('state');
if (state) state.textContent = 'ready';
