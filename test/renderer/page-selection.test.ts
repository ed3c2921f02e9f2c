// The page grid's selection (renderer/src/scan/pageSelection.ts): as a file manager selects, and
// the place a keyboard move of the selection goes to (pages.batch's toSeq).
import { describe, expect, it } from 'vitest';
import type { PageInfo } from '../../electron/contract';
import { NO_SELECTION, allOf, clicked, inOrder, oneStep, pruned, stepped } from '../../renderer/src/scan/pageSelection';

const pages = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, seq: i + 1 }) as PageInfo);
const ids = (s: { ids: ReadonlySet<string> }) => inOrder({ ids: s.ids, anchor: null, focus: null }, pages);
const plain = { ctrl: false, shift: false }, ctrl = { ctrl: true, shift: false }, shift = { ctrl: false, shift: true };

describe('page selection', () => {
  it('click selects one, Ctrl+click toggles, Shift+click takes the range from the last click', () => {
    let s = clicked(NO_SELECTION, pages, 'b', plain);
    expect(ids(s)).toEqual(['b']);
    s = clicked(s, pages, 'd', shift);
    expect(ids(s)).toEqual(['b', 'c', 'd']);
    s = clicked(s, pages, 'c', ctrl);
    expect(ids(s)).toEqual(['b', 'd']);
    s = clicked(s, pages, 'e', { ctrl: true, shift: true }); // Ctrl+Shift adds the range from c
    expect(ids(s)).toEqual(['b', 'c', 'd', 'e']);
    expect(ids(allOf(pages, s))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('arrows move with the selection, Shift extends it, Ctrl moves the focus alone', () => {
    let s = clicked(NO_SELECTION, pages, 'b', plain);
    s = stepped(s, pages, 1, plain);
    expect([ids(s), s.focus]).toEqual([['c'], 'c']);
    s = stepped(s, pages, 2, shift);
    expect(ids(s)).toEqual(['c', 'd', 'e']);
    s = stepped(s, pages, -4, ctrl);
    expect([ids(s), s.focus]).toEqual([['c', 'd', 'e'], 'a']);
  });

  it('drops pages that are gone, and moves a block one place earlier or later', () => {
    const s = clicked(clicked(NO_SELECTION, pages, 'b', plain), pages, 'c', shift);
    expect(oneStep(s, pages, -1)).toBe(1); // before a
    expect(oneStep(s, pages, 1)).toBe(5); // before e: after d
    expect(oneStep(clicked(s, pages, 'e', plain), pages, 1)).toBeNull();
    const left = pruned(s, pages.filter((p) => p.id !== 'c'));
    expect([ids(left), left.focus]).toEqual([['b'], 'b']);
  });
});
