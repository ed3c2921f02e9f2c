// An audit row's details as a supervisor reads them: each known action said as a phrase in the
// reader's language with its values in it ("Ký số: Nguyễn Văn An, mức B-T, phiên bản 2"), and
// whatever the phrase did not use still shown, each under its name (a translated one where the
// field is known, its recorded name otherwise) — the log is evidence, so nothing is hidden.
import { type DisplayLanguage, Role, formatDateTime, formatNumber } from '../../../electron/contract';
import type { MessageKey } from '../i18n/vi';

type Details = Readonly<Record<string, unknown>>;
type T = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;
interface Ctx {
  readonly t: T;
  readonly lang: DisplayLanguage;
}
/** A phrase, and the detail fields it said (or that are internal: page ids, hashes of owners' ids). */
interface Said {
  readonly text: string;
  readonly used: readonly string[];
}

/** The detail fields with a name in the reader's language. */
const DETAIL_LABELS: Readonly<Record<string, MessageKey>> = {
  sha256: 'auditDetail_sha256',
  digitizedBy: 'auditDetail_digitizedBy',
  username: 'auditDetail_username',
  role: 'auditDetail_role',
  reason: 'auditDetail_reason',
  page: 'auditDetail_page',
  version: 'auditDetail_version',
  dossierCode: 'auditDetail_dossierCode',
  signer: 'auditDetail_signer',
  level: 'auditDetail_level',
  path: 'auditDetail_path',
  displayName: 'auditDetail_displayName',
  from: 'auditDetail_from',
  to: 'auditDetail_to',
  changed: 'auditDetail_changed',
  serial: 'auditDetail_serial',
  synced: 'auditDetail_synced',
  remote: 'auditDetail_remote',
  database: 'auditDetail_database',
  receiptId: 'auditDetail_receiptId',
};

/** Settings and personal preferences by the names the Settings screen gives them. */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  operatorName: 'auditField_operatorName',
  lockAfterMinutes: 'auditField_lockAfterMinutes',
  unitCode: 'auditField_unitCode',
  agencyName: 'auditField_agencyName',
  level: 'auditField_level',
  conversionMarkPosition: 'auditField_conversionMarkPosition',
  tsaUrl: 'auditField_tsaUrl',
  trustStore: 'auditField_trustStore',
  pkcs11Modules: 'auditField_pkcs11Modules',
  signatureLevel: 'auditField_signatureLevel',
  signatureFormat: 'auditField_signatureFormat',
  signatureVisible: 'auditField_signatureVisible',
  signaturePosition: 'auditField_signaturePosition',
  readFolders: 'auditField_readFolders',
  writeFolders: 'auditField_writeFolders',
  scanDefaults: 'auditField_scanDefaults',
  syncUrl: 'auditField_syncUrl',
  syncClientId: 'auditField_syncClientId',
  syncCaFile: 'auditField_syncCaFile',
  syncBandwidthKbps: 'auditField_syncBandwidthKbps',
  purgeImagesAfterDays: 'auditField_purgeImagesAfterDays',
  rateTargets: 'auditField_rateTargets',
  signingKeyKind: 'auditField_signingKeyKind',
  p12Path: 'auditField_p12Path',
  pkcs11Module: 'auditField_pkcs11Module',
  tokenLabel: 'auditField_tokenLabel',
  certificateId: 'auditField_certificateId',
  displayName: 'auditDetail_displayName',
  role: 'auditDetail_role',
  password: 'auditField_password',
  disabled: 'auditField_disabled',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One value in words: a role by its name, a yes/no, a number with the reader's separators, a list joined. */
function valueText(key: string, v: unknown, x: Ctx): string {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'role') {
    const role = Role.safeParse(v);
    if (role.success) return x.t(`role_${role.data}`);
  }
  // An administrative level by its name (a signature's level, B-B…, is said as it is).
  if (key === 'level' && (v === 'tinh' || v === 'huyen' || v === 'xa')) return x.t(`level_${v}`);
  if (typeof v === 'boolean') return x.t(v ? 'yes' : 'no');
  if (typeof v === 'number') return formatNumber(v, x.lang);
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v, x.lang) : v;
  if (Array.isArray(v)) return v.map((e) => valueText(key, e, x)).join(', ') || '—';
  return JSON.stringify(v);
}

const fieldName = (k: string, x: Ctx) => (FIELD_LABELS[k] ? x.t(FIELD_LABELS[k]) : k);
const str = (d: Details, k: string, x: Ctx) => valueText(k, d[k], x);
const megabytes = (v: unknown, x: Ctx) => (typeof v === 'number' ? `${formatNumber(v / 1e6, x.lang, 1)} MB` : '—');

const PAGE_CHANGES: Readonly<Record<string, (d: Details, x: Ctx) => Said>> = {
  move: (d, x) => ({ text: x.t('auditSay_pageMove', { from: str(d, 'fromSeq', x), to: str(d, 'toSeq', x) }), used: ['page', 'change', 'fromSeq', 'toSeq'] }),
  delete: (d, x) => ({ text: x.t('auditSay_pageDelete', { seq: str(d, 'seq', x) }), used: ['page', 'change', 'seq'] }),
  'blank-removed': (d, x) => ({ text: x.t('auditSay_pageBlank', { seq: str(d, 'seq', x) }), used: ['page', 'change', 'seq', 'profile'] }),
  'hand-rotate': (d, x) => ({ text: x.t('auditSay_pageRotate', { degrees: typeof d.quarterTurns === 'number' ? d.quarterTurns * 90 : '?' }), used: ['page', 'change', 'quarterTurns'] }),
  'hand-crop': (_d, x) => ({ text: x.t('auditSay_pageCrop'), used: ['page', 'change', 'box'] }),
  'hand-revert': (_d, x) => ({ text: x.t('auditSay_pageRevert'), used: ['page', 'change'] }),
};

const WHERE: Readonly<Record<string, MessageKey>> = { station: 'auditWhere_station', province: 'auditWhere_province', 'station and province': 'auditWhere_both' };

/** Each action's phrase; an action not here is shown by its fields alone. */
const PHRASES: Readonly<Record<string, (d: Details, x: Ctx) => Said>> = {
  create: (d, x) => ({ text: x.t('auditSay_create', { who: str(d, 'digitizedBy', x) }), used: ['digitizedBy'] }),
  view: (_d, x) => ({ text: x.t('auditSay_view'), used: [] }),
  export: (d, x) => ({ text: x.t('auditSay_export', { path: str(d, 'path', x) }), used: ['path'] }),
  sign: (d, x) => ({ text: x.t('auditSay_sign', { signer: str(d, 'signer', x), level: str(d, 'level', x), version: str(d, 'version', x) }), used: ['signer', 'level', 'version'] }),
  sync: (d, x) => ({ text: x.t('auditSay_sync', { version: str(d, 'version', x), receipt: str(d, 'receiptId', x) }), used: ['version', 'receiptId'] }),
  delete: (d, x) => ({ text: x.t('auditSay_delete', { reason: str(d, 'reason', x) }), used: ['reason'] }),
  reuse: (d, x) => ({
    text: x.t(d.fromNationalStore === true ? 'auditSay_reuseNational' : 'auditSay_reuse', { dossierCode: str(d, 'dossierCode', x) }),
    used: ['dossierCode', 'fromNationalStore'],
  }),
  'reuse-detach': (d, x) => ({
    text: x.t('auditSay_reuseDetach', { dossierCode: str(d, 'dossierCode', x), component: str(d, 'componentCode', x) }),
    used: ['dossierCode', 'componentCode', 'remote', 'version'],
  }),
  update: (d, x) => {
    const change = typeof d.change === 'string' ? d.change : '';
    return PAGE_CHANGES[change]?.(d, x) ?? { text: x.t('auditSay_pageOther', { change: change || '—' }), used: ['page', 'change'] };
  },
  // The retention reason is the station's own, always the same: the phrase says it.
  purge: (d, x) => ({ text: x.t('auditSay_purge', { pages: str(d, 'pages', x), days: str(d, 'afterDays', x) }), used: ['pages', 'afterDays', 'reason'] }),
  backup: (d, x) => ({ text: x.t('auditSay_backup', { path: str(d, 'path', x), files: str(d, 'files', x), size: megabytes(d.bytes, x) }), used: ['path', 'files', 'bytes'] }),
  restore: (d, x) => ({ text: x.t('auditSay_restore', { from: str(d, 'from', x), at: str(d, 'backupCreatedAt', x), files: str(d, 'files', x) }), used: ['from', 'backupCreatedAt', 'files'] }),
  login: (d, x) => ({ text: x.t('auditSay_login', { username: str(d, 'username', x) }), used: ['username'] }),
  logout: (d, x) => ({ text: x.t('auditSay_logout', { username: str(d, 'username', x) }), used: ['username'] }),
  'login-failed': (d, x) => ({ text: x.t('auditSay_loginFailed', { username: str(d, 'username', x) }), used: ['username'] }),
  'unlock-failed': (d, x) => ({ text: x.t('auditSay_unlockFailed', { username: str(d, 'username', x) }), used: ['username'] }),
  'user-create': (d, x) => ({
    text: x.t('auditSay_userCreate', { username: str(d, 'username', x), displayName: str(d, 'displayName', x), role: str(d, 'role', x) }),
    used: ['username', 'displayName', 'role'],
  }),
  'user-update': (d, x) => {
    const changed = Array.isArray(d.changed) ? d.changed.map((k) => fieldName(String(k), x)).join(', ') : '—';
    const renamed = typeof d.from === 'string' && typeof d.to === 'string' ? ` ${x.t('auditSay_renamed', { from: d.from, to: d.to })}` : '';
    const role = d.role !== undefined ? ` ${x.t('auditSay_newRole', { role: str(d, 'role', x) })}` : '';
    return { text: `${x.t('auditSay_userUpdate', { username: str(d, 'username', x), changed })}${renamed}${role}`, used: ['username', 'changed', 'from', 'to', 'role'] };
  },
  'settings-update': (d, x) => {
    const values = isRecord(d.values) ? d.values : {};
    const names = Array.isArray(d.changed) ? d.changed.map(String) : Object.keys(values);
    // A simple value is said; a group of values (scan defaults, targets) only by its name.
    const changes = names.map((k) => (k in values && !isRecord(values[k]) ? `${fieldName(k, x)} = ${valueText(k, values[k], x)}` : fieldName(k, x))).join('; ');
    return { text: x.t('auditSay_settings', { changes: changes || '—' }), used: ['changed', 'values'] };
  },
  'preferences-update': (d, x) => ({
    text: x.t('auditSay_preferences', { changed: Array.isArray(d.changed) ? d.changed.map((k) => fieldName(String(k), x)).join(', ') : '—' }),
    used: ['changed'],
  }),
  'sync-configure': (d, x) => ({
    text: `${x.t('auditSay_syncConfigure', { url: str(d, 'url', x), clientId: str(d, 'clientId', x) })}${d.secretChanged === true ? ` ${x.t('auditSay_secretChanged')}` : ''}`,
    used: ['url', 'clientId', 'secretChanged'],
  }),
  'catalogue-install': (d, x) => ({
    text: x.t('auditSay_catalogue', { version: str(d, 'version', x), procedures: str(d, 'procedures', x), path: str(d, 'path', x) }),
    used: ['version', 'procedures', 'path'],
  }),
  // `owner` is a keyed hash of the citizen's id (never the id itself): nothing a person reads.
  'reuse-lookup': (d, x) => ({ text: x.t('auditSay_reuseLookup', { where: typeof d.where === 'string' && WHERE[d.where] ? x.t(WHERE[d.where]!) : str(d, 'where', x) }), used: ['where', 'owner'] }),
};

export interface AuditDetailView {
  /** The action said in words; null for an action the station does not know (shown by its fields). */
  readonly phrase: string | null;
  /** The fields the phrase did not say, each under its name. */
  readonly rest: readonly { readonly key: string; readonly label: string; readonly known: boolean; readonly value: string }[];
}

export function auditDetailView(action: string, details: Details, t: T, lang: DisplayLanguage): AuditDetailView {
  const x: Ctx = { t, lang };
  const said = PHRASES[action]?.(details, x) ?? null;
  const used = new Set(said?.used ?? []);
  const rest = Object.entries(details)
    .filter(([k]) => !used.has(k))
    .map(([key, v]) => {
      const label = DETAIL_LABELS[key];
      return { key, label: label ? t(label) : key, known: label !== undefined, value: key === 'sha256' && typeof v === 'string' ? `${v.slice(0, 12)}…` : valueText(key, v, x) };
    });
  return { phrase: said?.text ?? null, rest };
}
