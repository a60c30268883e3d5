import { describe, expect, it } from 'vitest';
import { SENSITIVE_FIELD_PATHS } from './sensitive-fields';

describe('sensitive fields', () => {
  it('are the ones PRODUCT.md marks (S), read from the schema', () => {
    expect([...SENSITIVE_FIELD_PATHS].sort()).toEqual(['notes', 'source.name', 'traffickingIndicators']);
  });
});
