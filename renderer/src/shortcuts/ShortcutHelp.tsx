// The "?" / F1 overlay: the keys of the screen in view, read from the registry the screens' key
// handlers use. Esc (or the button) closes it and the focus goes back where it was.
import { useRef, useState } from 'react';
import { Dialog } from '../common/Dialog';
import { useI18n } from '../i18n';
import { type Scope, type ScreenName, shortcutsOn } from './registry';
import { useShortcut } from './useShortcut';

export function ShortcutHelp({ screen }: { screen: ScreenName }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const before = useRef<HTMLElement | null>(null);
  useShortcut('app.help', () => {
    if (open) return;
    before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  });
  if (!open) return null;
  const close = () => {
    setOpen(false);
    before.current?.focus();
  };
  const list = shortcutsOn(screen);
  const scopes = [...new Set(list.map((s) => s.shortcut.scope))];
  return (
    <Dialog title={t('keyTitle', { screen: t(`keyScreen_${screen}`) })} onClose={close} wide>
      <div className="shortcut-help" data-testid="shortcut-help">
        {scopes.map((scope: Scope) => (
          <section key={scope} aria-labelledby={`keys-${scope}`}>
            <h3 id={`keys-${scope}`}>{t(`keyScope_${scope}`)}</h3>
            <dl>
              {list
                .filter((s) => s.shortcut.scope === scope)
                .map(({ id, shortcut }) => (
                  <div key={id} className="shortcut-row">
                    <dt>
                      <kbd>{shortcut.keys}</kbd>
                    </dt>
                    <dd>{t(shortcut.label)}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={close}>
          {t('keyCloseButton')}
        </button>
      </div>
    </Dialog>
  );
}
