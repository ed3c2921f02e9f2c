// A camera's photo through browser mode's WebSocket (contract/camera.ts): the bridge's frame limit
// is sized for the largest photo the contract takes, so a document camera's multi-megabyte JPEG
// reaches the draft; a frame beyond the limit closes that socket only (1009), and the station
// goes on answering everyone else.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CONTRACT_FRAME_MAX_BYTES } from '../../electron/contract';
import { type Bridge, startBridge } from '../../electron/bridge/server';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation;
let bridge: Bridge;
let cookie = '';
const tmp = tempDir('bridge-camera');

function open(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc`, { headers: { origin: `http://127.0.0.1:${bridge.port}`, cookie }, maxPayload: CONTRACT_FRAME_MAX_BYTES * 2 });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let next = 1;
function call(ws: WebSocket, method: string, input: unknown): Promise<{ ok: boolean; output?: Record<string, unknown>; error?: { code: string } }> {
  const id = next++;
  return new Promise((resolve) => {
    const listen = (data: unknown) => {
      const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: never };
      if (frame.t === 'result' && frame.id === id) {
        ws.off('message', listen);
        resolve(frame.result!);
      }
    };
    ws.on('message', listen);
    ws.send(JSON.stringify({ t: 'call', id, method, input }));
  });
}

beforeAll(async () => {
  const renderer = join(tmp.path, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Trạm Số hóa</title>');
  t = await openTestStation();
  bridge = await startBridge({ station: t.station, rendererDir: renderer, port: 0 });
  const address = new URL(bridge.url);
  cookie = await new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path: `${address.pathname}${address.search}`, headers: { host: `127.0.0.1:${bridge.port}` } }, (res) => {
      res.resume();
      resolve(String(res.headers['set-cookie']).split(';')[0]!);
    });
    req.on('error', reject);
    req.end();
  });
}, 120_000);

afterAll(async () => {
  await bridge?.close();
  await t?.close();
  tmp.cleanup();
});

describe('a camera photo through browser mode', () => {
  it('carries a multi-megabyte photo into a draft, and closes only the socket of a frame beyond the limit', async () => {
    // A 12 MP photo with fine detail everywhere (noise compresses badly): several megabytes of JPEG.
    const [width, height] = [4000, 3000];
    const noise = Buffer.alloc(width * height);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = 96 + (seed % 128);
    }
    const jpeg = await sharp(noise, { raw: { width, height, channels: 1 } }).toColourspace('srgb').jpeg({ quality: 90 }).toBuffer();
    expect(jpeg.length).toBeGreaterThan(1 << 20); // beyond the WebSocket's old 1 MB frame limit

    const ws = await open();
    const taken = await call(ws, 'capture.photo', { jpeg: jpeg.toString('base64'), paper: 'a4' });
    expect(taken.ok, JSON.stringify(taken.error)).toBe(true);
    expect((taken.output!.page as { widthPx: number }).widthPx).toBe(width);

    // A frame beyond what any call may carry: this socket is closed, as too big.
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ t: 'call', id: 999, method: 'capture.photo', input: { jpeg: 'A'.repeat(CONTRACT_FRAME_MAX_BYTES) } }));
    expect(await closed).toBe(1009);
    // Everyone else is still served.
    const other = await open();
    expect((await call(other, 'station.info', {})).ok).toBe(true);
    other.close();
  }, 120_000);
});
