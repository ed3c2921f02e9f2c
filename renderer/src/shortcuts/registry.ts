// Every keyboard shortcut of the app, in one table: the screens' key handlers match key presses
// with it (useShortcut, matches) and the "?" / F1 overlay lists it, so the list cannot say a key
// does something the screens do not do. A shortcut belongs to a scope; a scope to a screen, and
// it acts only while that screen is in view (the intake and scan screens stay mounted when hidden).
import type { PresetName } from '../../../electron/contract';
import type { MessageKey } from '../i18n/vi';

export type ScreenName = 'intake' | 'scan' | 'archive' | 'documents' | 'supervisor' | 'settings';
export const SCREENS: readonly ScreenName[] = ['intake', 'scan', 'archive', 'documents', 'supervisor', 'settings'];

export type Scope = 'app' | 'scan' | 'scan-camera' | 'scan-tiled' | 'grid' | 'pages' | 'intake' | 'archive-index' | 'archive-review' | 'archive-pages' | 'supervisor' | 'settings';

/** Scopes whose keys belong to a modal dialog over their screen (the page review): while a modal
 * dialog is open, only these and the app's keys act — the screen's own wait underneath (else C
 * would both crop the page and choose the ID-card paper). */
export const MODAL_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['pages']);

/** Which screen each scope's keys work on ('app': all of them). */
export const SCOPE_SCREEN: Readonly<Record<Scope, ScreenName | null>> = {
  app: null,
  scan: 'scan',
  // A camera chosen, and a large sheet captured in parts on a flatbed's glass: never both at once.
  'scan-camera': 'scan',
  'scan-tiled': 'scan',
  grid: 'scan',
  pages: 'scan',
  intake: 'intake',
  'archive-index': 'archive',
  'archive-review': 'archive',
  'archive-pages': 'archive',
  supervisor: 'supervisor',
  settings: 'settings',
};

/** The parts of a key press a shortcut looks at: a DOM and a React keyboard event both have them. */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly target: EventTarget | null;
}

export interface Shortcut {
  readonly scope: Scope;
  /** The keys as the overlay shows them (and aria-keyshortcuts says them, where one key). */
  readonly keys: string;
  readonly label: MessageKey;
  /** Whether a press is this shortcut. Absent: a key the focused control answers by itself (Enter
   * on the button the screen has focused), listed so that a person knows it. */
  readonly match?: (e: KeyPress) => boolean;
  /** Also while the focus is in a text field (Ctrl+S, PageDown…); else never while typing. */
  readonly inFields?: boolean;
}

/** The focus is in something a person types into: plain letters and digits are text there.
 * (Read by shape, not instanceof HTMLElement: the registry is also loaded by Node tests.) */
export function typingInto(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown } | null;
  return !!el && (el.isContentEditable === true || (typeof el.tagName === 'string' && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

/** The focus is on a control that Space and Enter already work (a button, a link, the page grid's cells). */
function answersKeysItself(target: EventTarget | null): boolean {
  const el = target as { closest?: (selector: string) => unknown } | null;
  return typeof el?.closest === 'function' && el.closest('button, a[href], summary, [role="grid"], [role="listbox"], [role="radio"], [role="checkbox"], [role="option"], [role="tab"], [role="dialog"]') !== null;
}

const ctrl = (e: KeyPress) => (e.ctrlKey || e.metaKey) && !e.altKey;
const bare = (e: KeyPress) => !e.ctrlKey && !e.metaKey && !e.altKey;
/** The digit of a key on the main row (by position: Shift and keyboard layouts change e.key). */
export const digitOf = (e: KeyPress): number | null => (/^Digit\d$/.test(e.code) ? Number(e.code.slice(5)) : null);
const altDigit = (e: KeyPress, max: number) => e.altKey && !e.shiftKey && !e.ctrlKey && !e.metaKey && (digitOf(e) ?? 0) >= 1 && (digitOf(e) ?? 0) <= max;
const altShiftDigit = (e: KeyPress, max: number) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (digitOf(e) ?? 0) >= 1 && (digitOf(e) ?? 0) <= max;

/** One key per paper preset: the digit of an A size (A4 → 4), C for the citizen-ID card (căn
 * cước), L Letter, G leGal, T tự động (auto). */
export const PRESET_KEYS: Readonly<Record<PresetName, string>> = { a0: '0', a1: '1', a2: '2', a3: '3', a4: '4', a5: '5', a6: '6', a7: '7', 'id-card': 'c', letter: 'l', legal: 'g', auto: 't' };

export const SHORTCUTS = {
  'app.help': { scope: 'app', keys: '? · F1', label: 'keyHelp', inFields: true, match: (e) => e.key === 'F1' || (e.key === '?' && bare(e) && !typingInto(e.target)) },
  'app.screen': { scope: 'app', keys: 'Alt+1 … Alt+6', label: 'keyScreens', inFields: true, match: (e) => altDigit(e, SCREENS.length) },
  'app.close': { scope: 'app', keys: 'Esc', label: 'keyClose', inFields: true, match: (e) => e.key === 'Escape' },

  'scan.scan': { scope: 'scan', keys: 'Ctrl+Enter', label: 'keyScan', inFields: true, match: (e) => e.key === 'Enter' && ctrl(e) },
  'scan.save': { scope: 'scan', keys: 'Ctrl+S', label: 'keySaveDocument', inFields: true, match: (e) => e.key.toLowerCase() === 's' && ctrl(e) },
  'scan.preset': { scope: 'scan', keys: '0 … 7 · C · L · G · T', label: 'keyPresets', match: (e) => bare(e) && Object.values(PRESET_KEYS).includes(e.key.toLowerCase()) },
  'scan.reuse': { scope: 'scan', keys: 'Enter', label: 'keyReuseFirst' },
  // A large sheet in parts (issue 18): K (khổ lớn) turns it on and off; on the plan's diagram the
  // arrows walk the parts (the focused diagram answers them itself).
  'scan.large-sheet': { scope: 'scan', keys: 'K', label: 'keyLargeSheet', match: (e) => bare(e) && e.key.toLowerCase() === 'k' },
  'scan.plan-parts': { scope: 'scan', keys: '← · → · Home · End', label: 'keyPlanParts' },
  // A camera chosen (issue 19): Space or Enter takes the page — what a USB foot pedal types too —
  // unless the focus is on something those keys work by themselves (a button, the page grid).
  'scan.camera-capture': { scope: 'scan-camera', keys: 'Space · Enter', label: 'keyCameraCapture', match: (e) => bare(e) && !e.shiftKey && (e.key === ' ' || e.key === 'Enter') && !answersKeysItself(e.target) },
  'scan.camera-auto': { scope: 'scan-camera', keys: 'A', label: 'keyCameraAuto', match: (e) => bare(e) && !e.shiftKey && e.key.toLowerCase() === 'a' },
  // The guided capture of the parts: Enter (where it presses no button) and the scan key scan the
  // next part, or assemble once all are in; R rescans, U or Ctrl+Z removes the last part; the
  // capture panel answers Esc itself (pause, or cancel assembling); S shows the assembled seams.
  'scan.tiled-part': { scope: 'scan-tiled', keys: 'Enter', label: 'keyTiledPart', match: (e) => e.key === 'Enter' && bare(e) && !e.shiftKey && !answersKeysItself(e.target) },
  'scan.tiled-rescan': { scope: 'scan-tiled', keys: 'R', label: 'keyTiledRescan', match: (e) => bare(e) && e.key.toLowerCase() === 'r' },
  'scan.tiled-undo': { scope: 'scan-tiled', keys: 'U · Ctrl+Z', label: 'keyTiledUndo', match: (e) => (bare(e) && e.key.toLowerCase() === 'u') || (ctrl(e) && !e.shiftKey && e.key.toLowerCase() === 'z') },
  'scan.tiled-leave': { scope: 'scan-tiled', keys: 'Esc', label: 'keyTiledLeave' },
  'scan.tiled-seams': { scope: 'scan-tiled', keys: 'S', label: 'keyTiledSeams', match: (e) => bare(e) && e.key.toLowerCase() === 's' },

  // The page review (scan/PageReview.tsx), a modal over the scan screen: its keys act only there.
  'grid.select': { scope: 'grid', keys: 'Ctrl+click · Shift+click · Shift+← → ↑ ↓', label: 'keyGridSelect' },
  'grid.toggle': { scope: 'grid', keys: 'Space', label: 'keyGridToggle', match: (e) => e.key === ' ' && !e.altKey && !e.shiftKey },
  'grid.select-all': { scope: 'grid', keys: 'Ctrl+A', label: 'keyGridSelectAll', match: (e) => e.key.toLowerCase() === 'a' && ctrl(e) && !e.shiftKey },
  'grid.open': { scope: 'grid', keys: 'Enter · double click', label: 'keyGridOpen' },
  'grid.rotate': { scope: 'grid', keys: '[ · ]', label: 'keyGridRotate', match: (e) => bare(e) && (e.key === '[' || e.key === ']') },
  'grid.move': { scope: 'grid', keys: 'Alt+← · Alt+→ · drag', label: 'keyGridMove', match: (e) => e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') },
  'grid.delete': { scope: 'grid', keys: 'Delete', label: 'keyGridDelete', match: (e) => bare(e) && e.key === 'Delete' },
  'grid.clear': { scope: 'grid', keys: 'Esc', label: 'keyGridClear', match: (e) => e.key === 'Escape' },
  'pages.open': { scope: 'pages', keys: 'Enter', label: 'keyPageOpen' },
  'pages.rotate': { scope: 'pages', keys: '[ · ]', label: 'keyPageRotate', match: (e) => bare(e) && (e.key === '[' || e.key === ']') },
  'pages.crop': { scope: 'pages', keys: 'C', label: 'keyPageCrop', match: (e) => bare(e) && e.key.toLowerCase() === 'c' },
  'pages.undo': { scope: 'pages', keys: 'Ctrl+Z', label: 'keyPageUndo', match: (e) => e.key.toLowerCase() === 'z' && ctrl(e) && !e.shiftKey },
  'pages.revert': { scope: 'pages', keys: 'G', label: 'keyPageRevert', match: (e) => bare(e) && e.key.toLowerCase() === 'g' },
  'pages.delete': { scope: 'pages', keys: 'Delete', label: 'keyPageDelete', match: (e) => bare(e) && e.key === 'Delete' },
  'pages.move': { scope: 'pages', keys: 'Alt+← · Alt+→', label: 'keyPageMove', match: (e) => e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') },
  'pages.browse': { scope: 'pages', keys: '← · →', label: 'keyPageBrowse', match: (e) => bare(e) && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') },
  'pages.rescan': { scope: 'pages', keys: 'Q', label: 'keyPageRescan', match: (e) => bare(e) && e.key.toLowerCase() === 'q' },
  'pages.close': { scope: 'pages', keys: 'Esc', label: 'keyPageClose', match: (e) => e.key === 'Escape' },

  'intake.forward': { scope: 'intake', keys: 'Enter · ↑ ↓', label: 'keyIntakeForward' },
  'intake.reuse': { scope: 'intake', keys: 'Enter', label: 'keyIntakeFocused' },
  'intake.component': { scope: 'intake', keys: 'Alt+↓ · Alt+↑', label: 'keyIntakeComponent', inFields: true, match: (e) => e.altKey && !e.ctrlKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp') },
  'intake.next-step': { scope: 'intake', keys: 'Ctrl+Enter', label: 'keyIntakeNextStep', inFields: true, match: (e) => e.key === 'Enter' && ctrl(e) },

  'archive.submit': { scope: 'archive-index', keys: 'Enter', label: 'keyArchiveSubmit', inFields: true, match: (e) => e.key === 'Enter' && bare(e) && !e.shiftKey },
  'archive.save': { scope: 'archive-index', keys: 'Ctrl+S', label: 'keyArchiveSave', inFields: true, match: (e) => e.key.toLowerCase() === 's' && ctrl(e) },
  'archive.next': { scope: 'archive-index', keys: 'PageDown', label: 'keyArchiveNext', inFields: true, match: (e) => e.key === 'PageDown' },
  'archive.previous': { scope: 'archive-index', keys: 'PageUp', label: 'keyArchivePrevious', inFields: true, match: (e) => e.key === 'PageUp' },
  'archive.approve': { scope: 'archive-review', keys: 'Ctrl+Enter', label: 'keyArchiveApprove', inFields: true, match: (e) => e.key === 'Enter' && ctrl(e) },
  'archive.reason-send': { scope: 'archive-review', keys: 'Enter', label: 'keyArchiveReasonSend', inFields: true, match: (e) => e.key === 'Enter' && bare(e) },
  'archive.reason-cancel': { scope: 'archive-review', keys: 'Esc', label: 'keyArchiveReasonCancel', inFields: true, match: (e) => e.key === 'Escape' },
  'archive.page': { scope: 'archive-pages', keys: 'Alt+← · Alt+→', label: 'keyArchivePage', inFields: true, match: (e) => e.altKey && !e.ctrlKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') },

  'supervisor.view': { scope: 'supervisor', keys: 'Alt+Shift+1 … 3', label: 'keySupervisorView', inFields: true, match: (e) => altShiftDigit(e, 3) },
  'settings.section': { scope: 'settings', keys: 'Alt+Shift+1 … 5', label: 'keySettingsSection', inFields: true, match: (e) => altShiftDigit(e, 5) },
  'settings.save': { scope: 'settings', keys: 'Ctrl+S', label: 'keySettingsSave', inFields: true, match: (e) => e.key.toLowerCase() === 's' && ctrl(e) },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** Whether a key press is the shortcut `id` where it was pressed (a field takes plain keys as text). */
export function matches(id: ShortcutId, e: KeyPress): boolean {
  const s: Shortcut = SHORTCUTS[id];
  if (!s.match) return false;
  if (!s.inFields && typingInto(e.target)) return false;
  return s.match(e);
}

/** The shortcuts the overlay lists on a screen: the app's, then the screen's, in table order. */
export function shortcutsOn(screen: ScreenName): { id: ShortcutId; shortcut: Shortcut }[] {
  return (Object.keys(SHORTCUTS) as ShortcutId[]).map((id) => ({ id, shortcut: SHORTCUTS[id] as Shortcut })).filter(({ shortcut }) => SCOPE_SCREEN[shortcut.scope] === null || SCOPE_SCREEN[shortcut.scope] === screen);
}
