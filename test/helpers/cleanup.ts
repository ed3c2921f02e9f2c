// Things a test started (servers, folders, drivers) undone after each test, last first.
import { afterEach } from 'vitest';

export function undoAfterEach(): { push(undo: () => Promise<void> | void): void } {
  const undos: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const undo of undos.splice(0).reverse()) await undo();
  });
  return { push: (undo) => void undos.push(undo) };
}
