// Events the station pushes to the client that started a job, or to every client.
import { z } from 'zod';
import { WireError } from './errors';
import { ColorMode, ImportProgress, PageInfo, ScanEnd } from './model';

const Job = { jobId: z.string(), documentId: z.string() };

export const events = {
  'scan.page-start': z.object({ ...Job, page: z.number().int(), widthPx: z.number().int(), heightPx: z.number().int(), dpi: z.number(), mode: ColorMode }),
  'scan.progress': z.object({ ...Job, page: z.number().int(), bytes: z.number(), expected: z.number() }),
  /** A page is on disk and in the database: only now may anyone see it. */
  'scan.page': z.object({ ...Job, page: PageInfo }),
  /** A page the scan stored as captured was processed in the background (after scan.done, too):
   * `pages` replace the page `pageId` in place — none (a blank page removed), one, or two (a
   * book spread split); the pages after it move accordingly. */
  'scan.page-processed': z.object({ ...Job, pageId: z.string(), pages: z.array(PageInfo) }),
  'scan.done': z.object({ ...Job, pages: z.number().int(), end: ScanEnd }),
  /** draftDiscarded: the job had started a new draft and no page reached it, so it is gone. */
  'scan.failed': z.object({ ...Job, error: WireError, pagesSaved: z.number().int(), draftDiscarded: z.boolean() }),
  'documents.changed': z.object({ id: z.string() }),
  /** An import read (stage `reading`) or processed (`processing`) one more page: `done` of
   * `total` so far (`total` grows as files are opened), `file` the one being read. */
  'documents.import-progress': ImportProgress,
  /** Where a large sheet's assembly is (to the client that asked for it): each part read, the parts
   * matched together, the paper found among them, the page composed (`done` of `total` rows). */
  'stitch.progress': z.object({
    documentId: z.string(),
    stage: z.enum(['reading', 'matching', 'locating', 'composing']),
    done: z.number().int().nonnegative(),
    total: z.number().int().positive(),
  }),
  /** A probe behind the cached device list found another list (refetch devices.list). */
  'devices.changed': z.object({}),
  /** The sync outbox moved (refetch sync.status). */
  'sync.changed': z.object({}),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export type EventHandlers = { readonly [E in EventName]?: (payload: EventPayload<E>) => void };
export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** One function that hands each event to its own typed handler. */
export function onEvents(handlers: EventHandlers): EventSink {
  return (name, payload) => (handlers[name] as ((p: unknown) => void) | undefined)?.(payload);
}
