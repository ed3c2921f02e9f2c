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
};
