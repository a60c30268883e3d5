/**
 * The English catalogue: the merge of every feature's messages. A feature keeps its
 * strings beside its code (`<feature>/<feature>-messages-en.ts`).
 */
import { accessMessagesEn } from '../app/access-messages-en';
import { appMessagesEn } from '../app/app-messages-en';
import { attentionMessagesEn } from '../attention/attention-messages-en';
import { exportMessagesEn } from '../export/export-messages-en';
import { filterMessagesEn } from '../filter/filter-messages-en';
import { importMessagesEn } from '../import/import-messages-en';
import { mapMessagesEn } from '../map/map-messages-en';
import { mapScreenMessagesEn } from '../map/map-screen-messages-en';
import { mapSnapshotMessagesEn } from '../map/snapshot/map-snapshot-messages-en';
import { codelistMessagesEn } from '../observations/codelist-messages-en';
import { conflictsMessagesEn } from '../conflicts/conflicts-messages-en';
import { detailMessagesEn } from '../observations/detail/detail-messages-en';
import { formMessagesEn } from '../observations/form/form-messages-en';
import { placeMessagesEn } from '../observations/place-messages-en';
import { reviewMessagesEn } from '../observations/review-messages-en';
import { validationMessagesEn } from '../observations/validation-messages-en';
import { measureMessagesEn } from '../reports/measure-messages-en';
import { reportMapMessagesEn } from '../reports/report-map-messages-en';
import { reportDocumentMessagesEn } from '../reports/report-document-messages-en';
import { reportMessagesEn } from '../reports/report-messages-en';
import { reportSectionsMessagesEn } from '../reports/report-sections-messages-en';
import { issuedMessagesEn } from '../reports/issued/issued-messages-en';
import { reviewUiMessagesEn } from '../review/review-messages-ui-en';
import { settingsMessagesEn } from '../settings/settings-messages-en';
import { tilesMessagesEn } from '../map/tiles/tiles-messages-en';
import { lockMessagesEn } from '../lock/lock-messages-en';

export const englishCatalogue = {
  ...appMessagesEn,
  ...attentionMessagesEn,
  ...mapMessagesEn,
  ...mapScreenMessagesEn,
  ...codelistMessagesEn,
  ...formMessagesEn,
  ...placeMessagesEn,
  ...validationMessagesEn,
  ...filterMessagesEn,
  ...reviewMessagesEn,
  ...reviewUiMessagesEn,
  ...detailMessagesEn,
  ...conflictsMessagesEn,
  ...accessMessagesEn,
  ...settingsMessagesEn,
  ...tilesMessagesEn,
  ...mapSnapshotMessagesEn,
  ...reportMapMessagesEn,
  ...measureMessagesEn,
  ...reportMessagesEn,
  ...reportDocumentMessagesEn,
  ...reportSectionsMessagesEn,
  ...exportMessagesEn,
  ...importMessagesEn,
  ...issuedMessagesEn,
  ...lockMessagesEn,
} as const;
