// The station's own settings: who and where it is, and how its records look. Stored by the core,
// validated here, changed through the contract.
import { z } from 'zod';
import { ColorMode, SourceKind } from './model';
import { ImagingProfileName } from './imaging';
import { bilingual } from './metadata';
import { changeOf } from './change-of';
import { PresetName } from './presets';
import { INSECURE_SYNC_URL, isSecureSyncUrl } from './sync';

export const Level = z.enum(['tinh', 'huyen', 'xa']);

/** A path the station is told to trust or use whatever folder it runs in: absolute (POSIX or
 * Windows), so that it never depends on where a process was started. */
export const AbsolutePath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), {
    message: bilingual('give the full path (starting with / or a drive letter such as C:\\)', 'hãy nhập đường dẫn đầy đủ (bắt đầu bằng / hoặc ký tự ổ đĩa như C:\\)'),
  });

/** Mã định danh đơn vị (QCVN 102:2016/BTTTT): four groups, the most specific first, e.g.
 * 000.00.01.H12; the dossier codes the unit issues start with it (domain.md). Checked when the
 * setting changes, not when it is read: a value saved before the rule must not reset the rest. */
export const UNIT_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** What a new scan starts from on this station (the scan screen's first choices). Not strict: a
 * field a later version adds must be dropped when read here, not fail the whole settings value. */
export const ScanDefaults = z.object({
  device: z.string().min(1).max(300).nullable(),
  source: SourceKind,
  preset: PresetName,
  dpi: z.number().int().min(50).max(4800),
  mode: ColorMode,
  /** The imaging profile (null: the paper preset's own). */
  profile: ImagingProfileName.nullable().default(null),
});
export type ScanDefaults = z.infer<typeof ScanDefaults>;

/** Unknown keys are dropped when reading (settings written by a later version). */
export const Settings = z
  .object({
    /** Full name written in the conversion mark when a call does not name the officer. */
    operatorName: z.string().trim().min(1).max(200).nullable().default(null),
    /** Minutes of idle after which a signed-in session locks (0: never). */
    lockAfterMinutes: z.number().int().min(0).max(240).default(5),
    /** The digitizing unit (mã đơn vị) and its administrative level. */
    unitCode: z.string().trim().min(1).max(64).nullable().default(null),
    agencyName: z.string().trim().min(1).max(300).nullable().default(null),
    level: Level.nullable().default(null),
    /** Where the converted-from-paper mark goes on page 1 (it never covers the document). */
    conversionMarkPosition: z.enum(['bottom', 'top']).default('bottom'),
    /** Signing, the station's way (the administrator's): the timestamp authority, the authorities
     * to trust, the token libraries the station may load, and how signatures look. Which key a
     * person signs with is theirs (preferences.ts). */
    tsaUrl: z.url().max(2048).nullable().default(null),
    trustStore: z.array(z.string().min(1).max(4096)).max(100).default([]),
    /** The PKCS#11 libraries (token drivers) this station may load: a library is code run inside
     * the process that holds the data key, so nothing else is ever loaded (absolute paths). */
    pkcs11Modules: z.array(AbsolutePath).max(20).default([]),
    signatureLevel: z.enum(['B-B', 'B-T', 'B-LT']).nullable().default(null),
    signatureFormat: z.enum(['pades', 'pkcs7']).default('pades'),
    signatureVisible: z.boolean().default(true),
    signaturePosition: z.enum(['top-right', 'top-left', 'bottom-right', 'bottom-left']).default('top-right'),
    /** Browser mode has no file dialogs: the folders whose files it may read (imports, a file to
     * verify, a receipt image) and those it may write into (exports, reports). The desktop app
     * asks the person with the system's dialogs; the command line takes what is typed. */
    readFolders: z.array(AbsolutePath).max(20).default([]),
    writeFolders: z.array(AbsolutePath).max(20).default([]),
    scanDefaults: ScanDefaults.default({ device: null, source: 'flatbed', preset: 'a4', dpi: 200, mode: 'color', profile: null }),
    /** The provincial store (sync-api.md): its address and this station's client id (the secret
     * lives in the OS keychain, or SOHOA_SYNC_CLIENT_SECRET); a CA to pin instead of the system's;
     * an upload cap for shared commune uplinks (null: none). */
    syncUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().default(null),
    syncClientId: z.string().trim().min(1).max(200).nullable().default(null),
    syncCaFile: z.string().min(1).max(4096).nullable().default(null),
    syncBandwidthKbps: z.number().int().min(8).max(10_000_000).nullable().default(null),
    /** Days after the provincial store's receipt for a record when the station deletes its page
     * images (personal data kept no longer than needed); null: keep them. */
    purgeImagesAfterDays: z.number().int().min(0).max(3650).nullable().default(30),
    /** Digitization-rate targets by level (index 766: e.g. 90 / 80 / 75 %). */
    rateTargets: z
      .object({ tinh: z.number().min(0).max(1), huyen: z.number().min(0).max(1), xa: z.number().min(0).max(1) })
      .default({ tinh: 0.9, huyen: 0.8, xa: 0.75 }),
  });
export type Settings = z.output<typeof Settings>;

/** A change to some settings (change-of.ts: the others stay as they are). */
export const SettingsUpdate = changeOf(Settings)
  .refine((c) => c.unitCode === undefined || c.unitCode === null || UNIT_CODE_PATTERN.test(c.unitCode.trim()), {
    path: ['unitCode'],
    message: bilingual('a unit code is four groups like 000.00.01.H12 (QCVN 102:2016): copy it from the province\'s list of unit codes', 'mã đơn vị gồm bốn nhóm như 000.00.01.H12 (QCVN 102:2016): chép đúng từ danh mục mã đơn vị của tỉnh'),
  })
  // Administrative papers need at least 200 dpi (domain.md); a station's default must meet it.
  .refine((c) => c.scanDefaults === undefined || c.scanDefaults.dpi >= 200, { path: ['scanDefaults', 'dpi'], message: bilingual('the rules ask for at least 200 dpi: choose 200 dpi or more', 'quy định yêu cầu ít nhất 200 dpi: hãy chọn từ 200 dpi trở lên') })
  // https except to this computer: checked on the way in, not when read (an older value must not
  // reset the rest; sync refuses it at use).
  .refine((c) => c.syncUrl === undefined || c.syncUrl === null || isSecureSyncUrl(c.syncUrl), { path: ['syncUrl'], message: INSECURE_SYNC_URL });
export type SettingsUpdate = z.input<typeof SettingsUpdate>;
