// A modal dialog: labelled by its title, focus moved into it on open, Escape closes it unless
// the work inside must not be interrupted.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { matches } from '../shortcuts/registry';

export function Dialog({ title, onClose, closable = true, children, wide = false }: { title: string; onClose: () => void; closable?: boolean; children: ReactNode; wide?: boolean }) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, select, button, [tabindex]')?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (matches('app.close', e) && closable) {
            e.preventDefault(); // handled: the window's shortcuts (a modal's own Esc) leave it
            onClose();
          }
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
