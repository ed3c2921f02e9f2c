// How sync paces itself: exponential backoff with jitter that honours Retry-After, and a
// bandwidth cap (a token bucket) for commune offices that share one thin uplink.
import type { IncomingHttpHeaders } from 'node:http';

const BASE_MS = 2_000;
const CAP_MS = 15 * 60_000;

/** The wait before attempt `attempts + 1`: doubling from 2 s up to 15 min, half of it random, so
 * that stations that failed together do not retry together. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempts, 20));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Retry-After in milliseconds: delta-seconds, or an HTTP date read against the server's own
 * clock (its Date header), so that a station whose clock is off still waits the right time. */
export function retryAfterMs(headers: IncomingHttpHeaders, serverDate: Date | null): number | null {
  const value = headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Math.min(CAP_MS, Number(value.trim()) * 1000);
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const now = serverDate?.getTime() ?? Date.now();
  return Math.min(CAP_MS, Math.max(0, at.getTime() - now));
}

/** Limits the bytes per second passing through `pace` (null: no limit). */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly bytesPerSecond: number) {
    this.tokens = bytesPerSecond / 4; // a quarter-second burst
  }

  async take(bytes: number): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.bytesPerSecond / 4, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
      this.last = now;
      if (this.tokens >= bytes || this.tokens >= this.bytesPerSecond / 4) {
        this.tokens -= bytes;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((bytes - this.tokens) / this.bytesPerSecond) * 1000)));
    }
  }
}

/** Re-yields a stream in slices no larger than `slice`, each after the bucket allows it. */
export async function* paced(source: AsyncIterable<Uint8Array>, bucket: TokenBucket | null, slice = 16_384): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (!bucket) {
      yield chunk;
      continue;
    }
    for (let at = 0; at < chunk.length; at += slice) {
      const part = chunk.subarray(at, at + slice);
      await bucket.take(part.length);
      yield part;
    }
  }
}
