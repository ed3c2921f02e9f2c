// How often /oauth/token may be tried: per client id (the one claimed, known or not) and per remote
// address, each a leaky bucket that empties over the window. A wrong secret costs ten times what a
// token costs, so a station that signs in now and then never meets the limit while a guesser gets
// a handful of tries a window. A refused (429) request costs nothing: it tested no secret, and
// charging it would let a guesser keep the rightful client locked out for as long as it kept asking.
import { createHash } from 'node:crypto';

export interface TokenLimits {
  /** Seconds for a full bucket to empty. */
  readonly windowSeconds: number;
  /** Wrong secrets per window for one client id before 429. */
  readonly failuresPerClient: number;
  /** Wrong secrets per window from one address before 429. */
  readonly failuresPerAddress: number;
}

export const DEFAULT_TOKEN_LIMITS: TokenLimits = { windowSeconds: 60, failuresPerClient: 10, failuresPerAddress: 30 };

const SUCCESS_COST = 1;
const FAILURE_COST = 10;
/** Past this many buckets, the empty ones are dropped (addresses and ids come and go). */
const PRUNE_ABOVE = 10_000;

/** Claimed ids are the client's to choose, up to the body limit: a bucket is kept by their hash. */
const idKey = (clientId: string) => createHash('sha256').update(clientId).digest('base64');

class LeakyBuckets {
  private readonly levels = new Map<string, { level: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
  ) {
    this.perMs = capacity / windowMs;
  }

  private level(key: string, now: number): number {
    const b = this.levels.get(key);
    return b ? Math.max(0, b.level - (now - b.at) * this.perMs) : 0;
  }

  /** Milliseconds until `cost` fits in the bucket; 0 when it fits now. */
  waitMs(key: string, cost: number, now: number): number {
    const over = this.level(key, now) + cost - this.capacity;
    return over <= 0 ? 0 : over / this.perMs;
  }

  add(key: string, cost: number, now: number): void {
    this.levels.set(key, { level: this.level(key, now) + cost, at: now });
    if (this.levels.size > PRUNE_ABOVE) for (const k of this.levels.keys()) if (this.level(k, now) === 0) this.levels.delete(k);
  }
}

export class TokenThrottle {
  private readonly byClient: LeakyBuckets;
  private readonly byAddress: LeakyBuckets;

  constructor(limits: TokenLimits) {
    const windowMs = limits.windowSeconds * 1000;
    this.byClient = new LeakyBuckets(limits.failuresPerClient * FAILURE_COST, windowMs);
    this.byAddress = new LeakyBuckets(limits.failuresPerAddress * FAILURE_COST, windowMs);
  }

  /** Whole seconds to wait before this attempt may be judged (the cheapest, a success, must fit);
   * 0 when it may go ahead. */
  retryAfterSeconds(clientId: string | undefined, address: string, now = Date.now()): number {
    const ms = Math.max(clientId === undefined ? 0 : this.byClient.waitMs(idKey(clientId), SUCCESS_COST, now), this.byAddress.waitMs(address, SUCCESS_COST, now));
    return ms === 0 ? 0 : Math.max(1, Math.ceil(ms / 1000));
  }

  /** Counts an attempt that was judged. */
  record(clientId: string | undefined, address: string, ok: boolean, now = Date.now()): void {
    const cost = ok ? SUCCESS_COST : FAILURE_COST;
    if (clientId !== undefined) this.byClient.add(idKey(clientId), cost, now);
    this.byAddress.add(address, cost, now);
  }
}
