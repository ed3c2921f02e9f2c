// The keyboard shortcuts registry cannot lie: every shortcut it lists with a key test is asked for
// by a screen's handler (by its id, in renderer/src outside the registry), every label is a text
// of both languages, and no key press means two things at once on a screen — among the keys that
// act together (the screen's own and the app's; a modal dialog's own and the app's).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { vi } from '../../renderer/src/i18n/vi';
import { type KeyPress, MODAL_SCOPES, SCOPE_SCREEN, SHORTCUTS, type Scope, type Shortcut, type ShortcutId, matches, shortcutsOn } from '../../renderer/src/shortcuts/registry';
import { REPO } from '../helpers/paths';

const SRC = join(REPO, 'renderer', 'src');
const REGISTRY = join(SRC, 'shortcuts', 'registry.ts');
const ids = Object.keys(SHORTCUTS) as ShortcutId[];
const entry = (id: ShortcutId): Shortcut => SHORTCUTS[id];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && path !== REGISTRY ? [path] : [];
  });
}

/** Key presses to try: letters, digits, punctuation and named keys, bare and with modifiers. */
function presses(): KeyPress[] {
  const keys: [string, string][] = [
    ...'abcdefghijklmnopqrstuvwxyz'.split('').map((k): [string, string] => [k, `Key${k.toUpperCase()}`]),
    ...'0123456789'.split('').map((k): [string, string] => [k, `Digit${k}`]),
    ['[', 'BracketLeft'], [']', 'BracketRight'], ['?', 'Slash'], ['F1', 'F1'], ['Enter', 'Enter'], ['Escape', 'Escape'], ['Delete', 'Delete'],
    ['ArrowLeft', 'ArrowLeft'], ['ArrowRight', 'ArrowRight'], ['ArrowUp', 'ArrowUp'], ['ArrowDown', 'ArrowDown'], ['PageUp', 'PageUp'], ['PageDown', 'PageDown'],
  ];
  const mods = [{}, { ctrlKey: true }, { altKey: true }, { altKey: true, shiftKey: true }, { shiftKey: true }, { ctrlKey: true, shiftKey: true }];
  return keys.flatMap(([key, code]) => mods.map((m) => ({ key, code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target: null, ...m })));
}

/** The sets of scopes whose keys can act at the same moment. The archive's indexing and checking
 * views are never on screen together, nor a camera and a large sheet's capture on a flatbed; a modal's keys act alone with the app's. Esc closing a
 * dialog ('app.close') is the common Dialog's own key: it acts only inside one, and a modal of
 * its own kind (the page review's 'pages.close') gives Esc the same meaning itself. */
function layers(): { name: string; scopes: Scope[]; ids: ShortcutId[] }[] {
  const screens = [...new Set(Object.values(SCOPE_SCREEN).filter((s) => s !== null))];
  const out: { name: string; scopes: Scope[]; ids: ShortcutId[] }[] = [];
  for (const screen of screens) {
    const scopes = (Object.keys(SCOPE_SCREEN) as Scope[]).filter((s) => SCOPE_SCREEN[s] === screen);
    const plain = scopes.filter((s) => !MODAL_SCOPES.has(s));
    const groups =
      screen === 'archive'
        ? [plain.filter((s) => s !== 'archive-review'), plain.filter((s) => s !== 'archive-index')]
        : screen === 'scan'
          ? [plain.filter((s) => s !== 'scan-tiled'), plain.filter((s) => s !== 'scan-camera')]
          : [plain];
    for (const g of groups) out.push({ name: `${screen}: ${g.join(', ')}`, scopes: g, ids: ids.filter((id) => id !== 'app.close' && (entry(id).scope === 'app' || g.includes(entry(id).scope))) });
    for (const m of scopes.filter((s) => MODAL_SCOPES.has(s))) out.push({ name: `${screen}: ${m} (modal)`, scopes: [m], ids: ids.filter((id) => id !== 'app.close' && (entry(id).scope === 'app' || entry(id).scope === m)) });
  }
  return out;
}

describe('the keyboard shortcuts registry', () => {
  it('lists only keys that a screen’s handler asks for by id', () => {
    const code = sources(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = ids.filter((id) => entry(id).match && !code.includes(`'${id}'`));
    expect(unused, 'shortcuts with a key test that no handler uses').toEqual([]);
  });

  it('labels every shortcut in both languages, and each screen lists the app’s keys and its own', () => {
    const labels = ids.map((id) => entry(id).label);
    expect(labels.filter((l) => !(l in vi) || !(l in en))).toEqual([]);
    for (const screen of ['intake', 'scan', 'archive', 'documents', 'supervisor', 'settings'] as const) {
      const listed = shortcutsOn(screen).map((s) => s.id);
      expect(listed).toContain('app.help');
      expect(listed.every((id) => SCOPE_SCREEN[entry(id).scope] === null || SCOPE_SCREEN[entry(id).scope] === screen)).toBe(true);
    }
    expect(shortcutsOn('scan').map((s) => s.id)).toEqual(expect.arrayContaining(['scan.scan', 'scan.save', 'scan.preset']));
    expect(shortcutsOn('archive').map((s) => s.id)).toEqual(expect.arrayContaining(['archive.next', 'archive.previous', 'archive.approve']));
  });

  it('gives no key press two meanings among the keys that act together', () => {
    const all = presses();
    const clashes = layers().flatMap((layer) =>
      all.flatMap((p) => {
        const hits = layer.ids.filter((id) => entry(id).match?.(p));
        return hits.length > 1 ? [`${layer.name}: ${[p.ctrlKey && 'Ctrl', p.altKey && 'Alt', p.shiftKey && 'Shift', p.key].filter(Boolean).join('+')} → ${hits.join(', ')}`] : [];
      }),
    );
    expect(clashes).toEqual([]);
  });

  it('keeps plain keys out of text fields', () => {
    // A shortcut that also acts in a text field must not be a plain character: typing stays typing.
    const plainInFields = ids.filter((id) => entry(id).inFields && entry(id).match?.({ key: '4', code: 'Digit4', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target: null }));
    expect(plainInFields, 'a digit typed into a field must stay text').toEqual([]);
    const four = { key: '4', code: 'Digit4', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false };
    const input = { tagName: 'INPUT', isContentEditable: false } as unknown as EventTarget;
    expect(matches('scan.preset', { ...four, target: null })).toBe(true);
    expect(matches('scan.preset', { ...four, target: input })).toBe(false);
    expect(matches('scan.save', { ...four, key: 's', code: 'KeyS', ctrlKey: true, target: input })).toBe(true);
  });
});
