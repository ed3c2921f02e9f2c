// English for the progress bars of jobs longer than a second; en.ts spreads it in.
export const enProgress = {
  progressSaving: 'Putting the pages into a PDF and saving the document…',
  progressSigning: 'Signing (a token may take a few seconds per document)…',
  progressVerifying: 'Checking the signatures and certificates…',
  progressSync: 'Sending to the provincial store: {done}/{total} documents',
  progressReuse: 'Searching this station and the provincial store…',
  progressConnecting: 'Contacting the provincial store…',
} as const;
