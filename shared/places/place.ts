import { z } from '../schema/zod';
import { PLACE_KINDS } from '../observations/codelists';

/** A gazetteer place: a crossing, a centre, a city along the route. */
export const placeSchema = z.object({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9-]{1,60}$/),
  name: z.string().min(1).max(120),
  nameLocal: z.string().max(120),
  /** ISO 3166-1 alpha-2, with XK for Kosovo as the organisation uses it. */
  country: z.string().regex(/^[A-Z]{2}$/),
  kind: z.enum(PLACE_KINDS),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  coordStatus: z.enum(['verified', 'approximate']),
  /** Period in use as written in the gazetteer, e.g. `2015-2016` or `2018-`. */
  active: z.string().max(20),
  notes: z.string().max(500),
});
export type Place = z.infer<typeof placeSchema>;
