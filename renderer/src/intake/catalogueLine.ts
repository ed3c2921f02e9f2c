// The one line under the procedure list that says which catalogue is in use, wholly in the
// reader's language: the shipped sample's publisher text is Vietnamese data (a note to the
// province), so for the default catalogue the line says what it is in words of the UI instead;
// a province's own catalogue keeps its publisher's name, a proper name.
import { type CatalogueState, formatDate } from '../../../electron/contract';
import type { MessageKey } from '../i18n';

export function catalogueLine(c: CatalogueState, t: (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string): string {
  const publisher = c.source === 'default' ? t('catalogueSamplePublisher') : c.catalogue.publisher;
  return t('intakeCatalogueSource', { publisher, version: c.catalogue.version, date: formatDate(c.catalogue.updatedAt), source: t(`intakeSource_${c.source}`) });
}
