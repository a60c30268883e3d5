import { currentLanguage } from '../../i18n/i18n';

/** A size in kB or MB (decimal units, as file managers show them), in the UI language. */
export function formatBytes(bytes: number): string {
  const mb = bytes >= 1_000_000;
  return new Intl.NumberFormat(currentLanguage(), {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mb && bytes < 100_000_000 ? 1 : 0,
  }).format(mb ? bytes / 1_000_000 : Math.max(bytes / 1000, bytes > 0 ? 1 : 0));
}
