import '../../shared/schema/zod';
import { fillLarge, rawPut, rawQuery, storeInsert, storeQuery } from './store-bench';

/** The entry points `scripts/bench.mjs` calls through Playwright. */
const benches = { storeInsert, rawPut, fillLarge, storeQuery, rawQuery };

declare global {
  interface Window {
    routewatchBench?: typeof benches;
  }
}

window.routewatchBench = benches;
const state = document.getElementById('state');
if (state) state.textContent = 'ready';
