// How long a scan worker has been silent, counted only while the station was there to hear it.
//
// The watchdog used to compare the wall clock with the time of the worker's last line. Two things
// then made a healthy worker look hung and killed it mid-stack (`worker-hung` on a quiet machine,
// issue 17): the wall clock stepping forward (a time sync, a clock set by hand), and the station's
// own process not running for a while (the machine paused or asleep, the event loop held by other
// work) — the worker's progress lines waited in the pipe meanwhile, and the watchdog's timer ran
// before the pipe was read. So the silence is counted here on the monotonic clock, tick by tick,
// and a tick that comes much later than due adds only what a tick on time would: time the station
// was not running is nobody's silence. The final verdict is the caller's, after one more turn of
// the event loop has read whatever the worker already sent (see worker-process.ts).
export class WorkerSilence {
  private silent = 0;
  private lastTick = performance.now();

  /** `tickMs`: how often tick() is called. */
  constructor(private readonly tickMs: number) {}

  /** The worker said something, or was just asked something: its silence starts again. */
  heard(): void {
    this.silent = 0;
    this.lastTick = performance.now();
  }

  /** Called every `tickMs`; returns the silence so far and how long this process itself was
   * away since the last tick (0 when the tick came on time). */
  tick(): { silentMs: number; awayMs: number } {
    const now = performance.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    // A tick up to twice as late as due is the event loop being busy, and counts in full; beyond
    // that the station was not listening, and only a tick's worth counts.
    const counted = Math.min(elapsed, 2 * this.tickMs);
    this.silent += counted;
    return { silentMs: this.silent, awayMs: elapsed - counted };
  }

  /** The silence so far, without a tick. */
  get silentMs(): number {
    return this.silent;
  }
}
