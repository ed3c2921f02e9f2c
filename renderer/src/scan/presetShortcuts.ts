// One key per paper preset, for the counter's most repeated choice: the digit of an A size
// (A4 → 4), C for the citizen-ID card (căn cước), L Letter, G leGal, T tự động (auto). Only
// when no text field has the focus, so that typing a title never changes the paper.
import { useEffect } from 'react';
import type { PresetName } from '../../../electron/contract';

export const PRESET_KEYS: Readonly<Record<PresetName, string>> = {
  a0: '0',
  a1: '1',
  a2: '2',
  a3: '3',
  a4: '4',
  a5: '5',
  a6: '6',
  a7: '7',
  'id-card': 'c',
  letter: 'l',
  legal: 'g',
  auto: 't',
};

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Calls `choose` with the preset whose key was pressed (when `enabled`). */
export function usePresetShortcuts(enabled: boolean, choose: (preset: PresetName) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typingInto(e.target)) return;
      const key = e.key.toLowerCase();
      const preset = (Object.keys(PRESET_KEYS) as PresetName[]).find((p) => PRESET_KEYS[p] === key);
      if (!preset) return;
      e.preventDefault();
      choose(preset);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, choose]);
}
