import type { Observation } from '../observations/observation-schema';
import { compareHlc } from './hlc';

/**
 * Which version of a record a device or the server keeps when another arrives.
 *
 * The later HLC stamp wins; equal stamps are the same change. Because stamps are
 * totally ordered (node id breaks ties), every replica that has seen the same set of
 * versions keeps the same one, in whatever order they arrived.
 * (Field-by-field merge of concurrent edits replaces this with the full record model.)
 */
export function pickWinner(current: Observation | undefined, incoming: Observation): Observation {
  if (current === undefined) return incoming;
  return compareHlc(incoming.hlc, current.hlc) > 0 ? incoming : current;
}
