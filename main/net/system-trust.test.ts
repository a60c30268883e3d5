import { describe, expect, it } from 'vitest';
import { trustAnchors } from './system-trust';

describe('the authorities a pinned tile fetch trusts', () => {
  it("are Node's and the system's together where Node can read the system store, each once", () => {
    const read = (type: 'default' | 'system') => (type === 'default' ? ['NODE-CA', 'SHARED-CA'] : ['OFFICE-CA', 'SHARED-CA']);
    expect(trustAnchors({ getCACertificates: read })).toEqual(['NODE-CA', 'SHARED-CA', 'OFFICE-CA']);
  });

  it("leave Node's defaults where it cannot (older Node, or a store that fails to read)", () => {
    expect(trustAnchors({})).toBeUndefined();
    expect(
      trustAnchors({
        getCACertificates: () => {
          throw new Error('no store');
        },
      }),
    ).toBeUndefined();
  });
});
