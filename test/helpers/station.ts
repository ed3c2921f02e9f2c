// A station opened on a temporary data folder with the tests' SANE configuration, and a way to
// run a scan job to its end while recording every event.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import { type CallContext, createHandlers, dispatch } from '../../electron/core/dispatch';
import { type Station, type StationOptions, openStation } from '../../electron/core/station';
import { type SaneConfigOptions, saneEnv, writeSaneConfig } from './sane';
import { tempDir } from './paths';
import { join } from 'node:path';
import { type Resource, resolveResource } from '../../electron/bridge/resources';

export interface TestStation {
  readonly station: Station;
  readonly dataDir: string;
  readonly saneDir: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>, ctx?: CallContext): Promise<MethodOutput<M>>;
  /** Starts a scan and waits for scan.done or scan.failed. */
  scan(request: MethodInput<'scan.start'>): Promise<ScanRun>;
  close(): Promise<void>;
}

export interface ScanRun {
  readonly documentId: string;
  readonly events: { name: EventName; payload: unknown }[];
  readonly outcome: { name: 'scan.done'; payload: EventPayload<'scan.done'> } | { name: 'scan.failed'; payload: EventPayload<'scan.failed'> };
}

export async function openTestStation(opts: Partial<StationOptions> = {}, sane: SaneConfigOptions = {}): Promise<TestStation> {
  const tmp = tempDir('station');
  const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'), sane);
  const dataDir = opts.dataDir ?? join(tmp.path, 'data');
  const station = await openStation({ dataDir, env: saneEnv(saneDir), ...opts });
  const handlers = createHandlers(station);
  const call: TestStation['call'] = async (method, input, ctx = { emit: () => {} }) => {
    const result = await dispatch(station, handlers, method, input, ctx);
    if (!result.ok) throw Object.assign(new Error(result.error.message.en), { wire: result.error });
    return result.output as never;
  };
  return {
    station,
    dataDir,
    saneDir,
    call,
    async scan(request) {
      const events: ScanRun['events'] = [];
      let finish!: (o: ScanRun['outcome']) => void;
      const ended = new Promise<ScanRun['outcome']>((r) => (finish = r));
      const started = await call('scan.start', request, {
        emit: (name, payload) => {
          events.push({ name, payload });
          if (name === 'scan.done' || name === 'scan.failed') finish({ name, payload } as ScanRun['outcome']);
        },
      });
      return { documentId: started.documentId, events, outcome: await ended };
    },
    async close() {
      await station.close();
      tmp.cleanup();
    },
  };
}

export interface RefusedCall {
  code: string;
  message: { vi: string; en: string };
  details?: Record<string, unknown>;
}

/** The error a call was refused with; fails the test if the call succeeded. */
export async function refused(call: Promise<unknown>): Promise<RefusedCall> {
  try {
    await call;
  } catch (e) {
    const wire = (e as { wire?: RefusedCall }).wire;
    if (wire) return wire;
    throw e;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** A page image or PDF as the renderer gets it (/pages/<id>/image…), asked for with the file key
 * of the station's own session (before any account exists: the station acting as its own
 * administrator). Fails the test unless it is served. */
export function servedFile(station: Station, rendererDir: string, path: string, fileKey = station.processSession.fileKey): Resource {
  const found = resolveResource(station, rendererDir, path, fileKey);
  if (found.status !== 200) throw new Error(`${path} answered ${found.status}`);
  return found.resource;
}
