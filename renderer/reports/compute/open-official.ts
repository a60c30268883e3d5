/**
 * The sensitive fields are sealed at rest (renderer/store/sealed-rows.ts), and the one a
 * report reads is the source's name of an official figure of its period, when the report
 * names its sources. So only those records are opened: opening every record of a year
 * (100,000 AES-GCM decryptions) would cost seconds for names no figure shows, and the
 * periods compared with it read no official figure. The others keep their envelope
 * unopened; no figure reads notes or trafficking indicators.
 */
import type { Observation } from '../../../shared/observations/observation-schema';
import { measureOf } from '../../../shared/reports/measure-kinds';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import { inPeriod } from '../../../shared/reports/report-period';
import type { RecordCipher } from '../../crypto/record-cipher';
import { openRecord } from '../../store/sealed-rows';

export async function openOfficialRecords(records: readonly Observation[], cipher: RecordCipher | null, showSourceNames: boolean, period: ReportPeriod): Promise<Observation[]> {
  if (cipher === null || !showSourceNames) return [...records];
  return Promise.all(records.map((record) => (measureOf(record) === 'official' && inPeriod(record, period) ? openRecord(record, cipher) : Promise.resolve(record))));
}
