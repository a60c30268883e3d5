// Typed here so TypeScript does not infer a type from 750 KB of JSON; the shape is
// world-atlas 2's: one `countries` collection whose only property is `name`.
declare module 'world-atlas/countries-50m.json' {
  import type { GeometryCollection, Topology } from 'topojson-specification';

  const topology: Topology<{
    countries: GeometryCollection<{ name: string }>;
    land: GeometryCollection;
  }>;
  // eslint-disable-next-line no-restricted-syntax -- describes a JSON module, whose only export is the default
  export default topology;
}
