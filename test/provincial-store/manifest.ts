// The commit's manifest, exactly as openapi.yaml's Manifest schema: unknown top-level fields are
// refused (additionalProperties: false), nested objects follow their schemas (which do not close
// them). A refusal names the first offending field, so that the station's log says what to fix.
import { z } from 'zod';

/** Document ids are lowercase UUIDs (the DocumentId parameter's pattern). */
export const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const nullableString = z.string().nullable();
const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** format: date — a calendar date that exists, YYYY-MM-DD. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, { error: 'no such date' });

const Signature = z.object({
  signer: z.string(),
  serial: z.string(),
  issuer: z.string(),
  signedAt: z.string(),
  level: z.enum(['B-B', 'B-T', 'B-LT', 'pkcs7']),
  subFilter: z.string(),
});

const Metadata = z.looseObject({
  dossierCode: nullableString.optional(),
  kind: z.enum(['component', 'result']).nullable().optional(),
  title: nullableString.optional(),
  docTypeCode: nullableString.optional(),
  docNumber: nullableString.optional(),
  issueDate: isoDate.nullable().optional(),
  issuer: nullableString.optional(),
  // A date, or "permanent" (thời hạn vĩnh viễn): some papers never expire.
  validUntil: z.union([isoDate, z.literal('permanent')]).nullable().optional(),
  ownerIdType: z.enum(['cccd', 'mst']).nullable().optional(),
  ownerIdNumber: nullableString.optional(),
  ownerName: nullableString.optional(),
});

/** The station's audit chain head at the time of the commit (its tamper-evidence anchor): closed,
 * since a stray field beside seq and hash means the station and the store disagree on the shape. */
const AuditHead = z.strictObject({
  seq: positiveInt,
  hash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lowercase hex digits' }),
});

export const Manifest = z.strictObject({
  documentId: z.string().regex(DOCUMENT_ID, { error: 'expected a lowercase UUID' }),
  version: positiveInt,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lowercase hex digits' }),
  bytes: positiveInt,
  upload: z.string().min(1),
  pageCount: positiveInt,
  metadata: Metadata.optional(),
  digitizedAt: nullableString.optional(),
  digitizedBy: nullableString.optional(),
  signatures: z.array(Signature).min(1),
  station: z.looseObject({
    id: z.string(),
    unitCode: nullableString.optional(),
    level: z.enum(['tinh', 'huyen', 'xa']).nullable().optional(),
  }),
  auditHead: AuditHead.nullable().optional(),
});
export type Manifest = z.infer<typeof Manifest>;

/** The manifest, or the reason it is refused with the field named first. */
export function parseManifest(body: unknown): { ok: true; manifest: Manifest } | { ok: false; detail: string } {
  const result = Manifest.safeParse(body, { reportInput: true });
  if (result.success) return { ok: true, manifest: result.data };
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') return { ok: false, detail: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ')}` };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { ok: false, detail: `${path || 'manifest'}: required` };
  return { ok: false, detail: `${path || 'manifest'}: ${issue.message}` };
}

/** A stable serialisation (keys sorted) to compare two requests' bodies. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
