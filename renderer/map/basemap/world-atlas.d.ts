// Typed here so TypeScript does not infer types from megabytes of JSON; the shape is
// world-atlas 2's: a `countries` collection whose only property is `name`, and `land`.
declare module 'world-atlas/countries-50m.json' {
  import type { GeometryCollection, Topology } from 'topojson-specification';

  const topology: Topology<{
    countries: GeometryCollection<{ name: string }>;
    land: GeometryCollection;
  }>;
  // eslint-disable-next-line no-restricted-syntax -- describes a JSON module, whose only export is the default
  export default topology;
}

declare module 'world-atlas/countries-10m.json' {
  import type { GeometryCollection, Topology } from 'topojson-specification';

  const topology: Topology<{
    countries: GeometryCollection<{ name: string }>;
    land: GeometryCollection;
  }>;
  // eslint-disable-next-line no-restricted-syntax -- describes a JSON module, whose only export is the default
  export default topology;
}
