/**
 * The one place that imports zod. Every schema in the code base imports `z` from here.
 *
 * Why: zod 4 compiles parsers with `new Function` unless told not to, which a strict
 * Content-Security-Policy (no 'unsafe-eval') reports as a violation in the renderer.
 * `jitless` must be set before any schema is built, so it is set as this module loads.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
