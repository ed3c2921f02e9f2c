// A screen's key handler for one shortcut of the registry: it fires only while the shortcut's
// screen is the one in view (a hidden scan screen must not take the digits typed on another) and
// no modal dialog is over the screen, unless the shortcut is that dialog's (MODAL_SCOPES).
import { createContext, useContext, useEffect, useRef } from 'react';
import { MODAL_SCOPES, SCOPE_SCREEN, SHORTCUTS, type ScreenName, type ShortcutId, matches } from './registry';

/** The screen in view, as App shows it (null outside App, in a test of one component: all screens). */
export const ActiveScreen = createContext<ScreenName | null>(null);


export function useShortcut(id: ShortcutId, handler: (e: KeyboardEvent) => void, enabled = true): void {
  const active = useContext(ActiveScreen);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const scope = SHORTCUTS[id].scope;
  const screen = SCOPE_SCREEN[scope];
  const live = enabled && (screen === null || active === null || active === screen);
  useEffect(() => {
    if (!live) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || !matches(id, e)) return;
      if (screen !== null && !MODAL_SCOPES.has(scope) && document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      latest.current(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, live, scope, screen]);
}
