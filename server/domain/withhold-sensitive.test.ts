import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { observationSchema } from '../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import { recordForViewer, withholdSensitive } from './withhold-sensitive';

const base: Observation = {
  id: '01900000-0000-7000-8000-000000000001',
  kind: 'group_sighting',
  mission: 'RS',
  office: 'RS-BEL',
  author: 'ana',
  device: 'laptop-1',
  observedStart: '2026-03-10T09:00:00.000Z',
  reportedAt: '2026-03-10T09:30:00.000Z',
  placeId: 'rs-presevo',
  location: null,
  locationMethod: 'gazetteer',
  totalPersons: 42,
  summary: 'Group of 42',
  reviewStatus: 'submitted',
  deleted: false,
  hlc: '001741600000000-000000-laptop1',
};
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
