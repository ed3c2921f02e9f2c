// Guessing secrets at /oauth/token, for real over loopback: a burst of wrong secrets is throttled
// (429 problem with Retry-After) per client id and per address, the secret is not even compared
// meanwhile, and the rightful client gets its token once the wait is over. Short windows keep the
// waits short; the limits are the ones a province would set with the same options.
import { afterEach, describe, expect, it } from 'vitest';
import { type ProvincialStore, type StoreClient, startProvincialStore } from './harness';
import { problemOf, requestToken } from './store-kit';

const RIGHT: StoreClient = { id: 'xa-hoa-thuan', secret: 'the-right-secret-of-hoa-thuan' };

let store: ProvincialStore | undefined;
afterEach(async () => {
  await store?.cleanup();
  store = undefined;
});

/** Sends these attempts at once; their statuses, and the longest Retry-After among the 429s. */
async function burst(s: ProvincialStore, attempts: StoreClient[]): Promise<{ statuses: number[]; retryAfter: number }> {
  const answers = await Promise.all(attempts.map((c) => requestToken(s, c)));
  let retryAfter = 0;
  for (const res of answers) {
    if (res.status !== 429) continue;
    const header = res.headers.get('retry-after');
    expect(header).toMatch(/^[1-9]\d*$/);
    retryAfter = Math.max(retryAfter, Number(header));
    expect((await problemOf(res)).code).toBe('rate-limited');
  }
  return { statuses: answers.map((r) => r.status), retryAfter };
}

const wait = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

describe('POST /oauth/token is throttled', () => {
  it('per client id: a burst of wrong secrets gets 429, successes cost less, and the right secret gets in after Retry-After', async () => {
    store = await startProvincialStore({ clients: [RIGHT], tokenLimits: { windowSeconds: 3, failuresPerClient: 4, failuresPerAddress: 1000 } });
    // Twenty tokens at once are well within a budget that four wrong secrets exhaust.
    expect((await burst(store, Array.from({ length: 20 }, () => RIGHT))).statuses.every((s) => s === 200)).toBe(true);
    await wait(3); // the window empties the bucket

    const { statuses, retryAfter } = await burst(store, Array.from({ length: 30 }, (_, i) => ({ id: RIGHT.id, secret: `guess-${i}` })));
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const judged = statuses.filter((s) => s === 401).length;
    expect(judged).toBeGreaterThanOrEqual(4);
    expect(judged).toBeLessThan(30);
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    // The refused attempts cost nothing, so the wait is over when the store says so.
    await wait(retryAfter);
    const token = await requestToken(store, RIGHT);
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ token_type: 'Bearer' });
  });

  it('per address: wrong secrets spread over many client ids get 429 too, and the right client gets in after Retry-After', async () => {
    store = await startProvincialStore({ clients: [RIGHT], tokenLimits: { windowSeconds: 3, failuresPerClient: 1000, failuresPerAddress: 5 } });
    const { statuses, retryAfter } = await burst(store, Array.from({ length: 30 }, (_, i) => ({ id: `tram-${i}`, secret: 'guess' })));
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(5);

    await wait(retryAfter);
    expect((await requestToken(store, RIGHT)).status).toBe(200);
  });

  it('with the default limits, ten wrong secrets in a row lead to 429 for the eleventh or soon after', async () => {
    store = await startProvincialStore({ clients: [RIGHT] });
    const statuses: number[] = [];
    for (let i = 0; i < 20 && !statuses.includes(429); i++) statuses.push((await requestToken(store, { id: RIGHT.id, secret: `guess-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses).toContain(429);
  });
});
