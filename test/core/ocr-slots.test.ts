// Recognition on every core, behind the counter and within memory: how many engine runs start at
// once, and when. Runs are held open by the test and released one by one (no timing).
import { describe, expect, it } from 'vitest';
import { isStationError } from '../../electron/core/errors';
import { OcrSlots } from '../../electron/core/ocr/slots';

/** A run the test ends when it wants; `started` says whether the slots let it begin. */
function heldRun(slots: OcrSlots, pixels: number) {
  let release!: () => void;
  const state = { started: false, done: false };
  const finished = slots.run(pixels, () => {
    state.started = true;
    return new Promise<void>((r) => (release = r));
  });
  void finished.then(() => (state.done = true), () => undefined);
  return { state, end: () => release(), finished };
}

const settle = () => new Promise<void>((r) => setImmediate(r));

describe('OCR slots', () => {
  it('start one run per core, the next when one ends', async () => {
    const slots = new OcrSlots({ concurrency: 2, pixelBudget: 1e9 });
    const runs = [1, 2, 3].map(() => heldRun(slots, 8.7e6));
    await settle();
    expect(runs.map((r) => r.state.started)).toEqual([true, true, false]);
    runs[0]!.end();
    await runs[0]!.finished;
    await settle();
    expect(runs[2]!.state.started).toBe(true);
    runs[1]!.end();
    runs[2]!.end();
    await Promise.all(runs.map((r) => r.finished));
  });

  it('leave a core to the counter while it is busy, and take it back after', async () => {
    let busy = true;
    const slots = new OcrSlots({ concurrency: 2, busy: () => busy, pixelBudget: 1e9 });
    const runs = [1, 2].map(() => heldRun(slots, 8.7e6));
    await settle();
    expect(runs.map((r) => r.state.started)).toEqual([true, false]);
    busy = false;
    // The counter's work ending wakes no one: the waiting run looks again by itself.
    await new Promise<void>((resolve) => {
      const look = () => (runs[1]!.state.started ? resolve() : setTimeout(look, 50));
      look();
    });
    expect(runs[1]!.state.started).toBe(true);
    runs.forEach((r) => r.end());
    await Promise.all(runs.map((r) => r.finished));
  });

  it('keep the pixels in flight within the budget; a run over the whole budget runs alone', async () => {
    const slots = new OcrSlots({ concurrency: 4, pixelBudget: 40e6 });
    const a = heldRun(slots, 30e6);
    const b = heldRun(slots, 15e6); // 45 Mpx with a: waits
    const c = heldRun(slots, 10e6); // 40 Mpx with a: fits
    await settle();
    expect([a, b, c].map((r) => r.state.started)).toEqual([true, false, true]);
    a.end();
    c.end();
    await Promise.all([a.finished, c.finished]);
    await settle();
    expect(b.state.started).toBe(true);
    b.end();
    await b.finished;
    const huge = heldRun(slots, 140e6);
    await settle();
    expect(huge.state.started).toBe(true);
    const small = heldRun(slots, 1e6);
    await settle();
    expect(small.state.started).toBe(false);
    huge.end();
    await huge.finished;
    await settle();
    expect(small.state.started).toBe(true);
    small.end();
    await small.finished;
  });

  it('let no waiting run start once stopped: it fails as cancelled', async () => {
    const stop = new AbortController();
    const slots = new OcrSlots({ concurrency: 1 }, stop.signal);
    const first = heldRun(slots, 1);
    const second = heldRun(slots, 1);
    await settle();
    stop.abort();
    slots.wake();
    const error = await second.finished.catch((e: unknown) => e);
    expect(isStationError(error) && error.code).toBe('cancelled');
    expect(second.state.started).toBe(false);
    first.end();
    await first.finished;
  });
});
