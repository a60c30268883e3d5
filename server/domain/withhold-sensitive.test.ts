import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { observationSchema } from '../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import { heldRecord } from '../../test-support/server/test-records';
import { recordForViewer, withholdSensitive } from './withhold-sensitive';

const base: Observation = heldRecord();
const full: Observation = {
  ...base,
  source: { type: 'direct_observation', name: 'Informant', reliability: 'B', credibility: '2' },
  traffickingIndicators: ['iom_unpaid_work'],
  notes: 'kept on paper',
};

describe('withholding sensitive fields', () => {
  it('leaves out every sensitive field, keeps the record an observation, and does not touch the original', () => {
    const { record, withheld } = withholdSensitive(full);
    expect([...withheld].sort()).toEqual([...SENSITIVE_FIELD_PATHS].sort());
    expect(observationSchema.parse(record)).toEqual(record);
    expect(record).toEqual({ ...base, source: { type: 'direct_observation', name: null, reliability: 'B', credibility: '2' } });
    expect(full.notes).toBe('kept on paper');
  });

  it('names only the paths the record has room for: no source group, no source.name', () => {
    expect(withholdSensitive(base).withheld.sort()).toEqual(['notes', 'traffickingIndicators']);
  });

  it('gives the whole record to those the rule book lets see it', () => {
    expect(recordForViewer({ name: 'ana', role: 'field_monitor', office: 'RS-BEL' }, full)).toEqual({ record: full });
    expect(recordForViewer({ name: 'marko', role: 'field_monitor', office: 'RS-BEL' }, full).withheld).toHaveLength(SENSITIVE_FIELD_PATHS.length);
    expect(recordForViewer({ name: 'hanna', role: 'hq_analyst', office: 'HQ-VIE' }, { ...full, classification: 'restricted' }).withheld).toHaveLength(SENSITIVE_FIELD_PATHS.length);
  });
});
