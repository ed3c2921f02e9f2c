// The names of the contract's methods, free of zod so that the sandboxed preload can expose one
// function per method without bundling the schemas. methods.ts must define exactly these.
export const METHOD_NAMES = [
  'station.info',
  'settings.get',
  'settings.update',
  'devices.list',
  'scan.start',
  'scan.cancel',
  'documents.list',
  'documents.get',
  'documents.finish',
  'documents.import',
  'documents.export',
  'documents.sign',
  'documents.verify',
  'pdf.sign',
  'pdf.verify',
  'signing.tokens',
  'documents.search',
  'audit.list',
  'audit.verify',
  'sync.status',
  'sync.run',
  'sync.retry',
  'sync.configure',
  'reuse.lookup',
  'dossiers.open',
  'reports.rates',
  'reports.export',
  'reports.file',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
