// English for signing at the counter, the receipt and the intake pages (issue 16); en.ts spreads it in.
import type { viCounter } from './vi-counter';

export const enCounter: Readonly<Record<keyof typeof viCounter, string>> = {
  counterReceiptUnitCode: 'Unit code: {code}',
  counterReceiptOwner: 'Applicant: {name}',
  counterReceiptOwnerId: 'personal ID {id}',
  counterKeyHolder: 'Signer (certificate holder)',
  counterKeyIssuer: 'Issued by',
  counterKeyExpiry: 'Valid until',
  counterKeyToken: 'Token',
  counterKeyFile: 'Certificate file',
  counterStationInEffect: 'The station signs today: {level}{tsa}{appearance}.',
  counterOpenPageHint: 'Click a page to see it large, rotate, crop, reorder or delete it.',
  counterIdCardHint: 'Scan the front, then the back; on Done both sides are put on one A4 page (front above).',
  counterIdCardLoose: 'The card’s sides could not be composed; press Done again to save them as two pages.',
  counterScanBack: 'Scan the back',
  counterStateUnsaved: 'Not saved',
  counterView: 'View',
  counterViewTitle: '{name} — {count} page(s)',
  counterRescan: 'Rescan',
  counterRescanHint: 'The new scan replaces the old one on Done; Cancel keeps the old one.',
  counterReceiptWhoDemo: 'Received by {officer} — at {at} — unit {unit}. DEMONSTRATION MODE: this receipt and its electronic copies are a trial and are not sent to the provincial store.',
};
