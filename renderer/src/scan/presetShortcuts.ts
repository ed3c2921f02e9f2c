// One key per paper preset, for the counter's most repeated choice: the digit of an A size
// (A4 → 4), C for the citizen-ID card (căn cước), L Letter, G leGal, T tự động (auto). Only
// when no text field has the focus, so that typing a title never changes the paper.
import { PRESET_KEYS } from '../shortcuts/registry';
import { useShortcut } from '../shortcuts/useShortcut';
import type { PresetName } from '../../../electron/contract';

// The keys themselves are in the shortcuts registry (its "?" overlay lists them).
export { PRESET_KEYS };

/** Calls `choose` with the preset whose key was pressed (when `enabled`); the key is the
 * registry's 'scan.preset' (listed by the "?" overlay), only while the scan screen is in view. */
export function usePresetShortcuts(enabled: boolean, choose: (preset: PresetName) => void): void {
  useShortcut(
    'scan.preset',
    (e) => {
      const key = e.key.toLowerCase();
      const preset = (Object.keys(PRESET_KEYS) as PresetName[]).find((p) => PRESET_KEYS[p] === key);
      if (preset) choose(preset);
    },
    enabled,
  );
}
