/** Words for what the import's shared code hands back as i18n keys. */
import { englishCatalogue } from '../i18n/catalogue-en';
import { t } from '../i18n/i18n';
import type { TranslationKey } from '../i18n/i18n';

const isKey = (key: string): key is TranslationKey => Object.hasOwn(englishCatalogue, key);

/** A reason or warning (`import.reason.*`, `import.warning.*`, `validation.*`) in words; an unknown key is named, never dropped. */
export function reasonText(key: string): string {
  return isKey(key) ? t(key) : t('import.reason.other', { key });
}
