// sohoa sync [--once] [--json] · sohoa sync status [--json] · sohoa sync retry [ID]
// Without --once it keeps sending until Ctrl+C; credentials come from SOHOA_SYNC_URL,
// SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET or the station's settings (cli.md).
import { type SyncRunResult, type SyncStatus, formatError } from '../../contract';
import { badOption } from '../args';
import type { Command } from '../command';
import type { Output } from '../output';
import type { CliSession } from '../session';

function describeStatus(out: Output, s: SyncStatus): string[] {
  const rate = s.throughputBytesPerSecond === null ? '—' : `${(s.throughputBytesPerSecond / 1e6).toFixed(2)} MB/s`;
  const c = s.counts;
  return [
    `${out.t('syncStore')}: ${s.url ?? '—'} (${out.t(s.configured ? 'syncConfigured' : 'syncNotConfigured')})`,
    ...(s.blocked ? [`${out.t('syncBlocked')}: ${s.blocked.message[out.lang]}`] : []),
    out.t('syncCounts', { pending: c.pending, uploading: c.uploading, committing: c.committing, synced: c.synced, failed: c.failed }),
    `${out.t('syncOldest')}: ${s.oldestPendingAt ?? '—'}`,
    `${out.t('syncLast')}: ${s.lastSyncedAt ?? '—'}`,
    out.t('syncThroughput', { rate, count: s.syncedLastHour }),
    ...(s.clockSkewSeconds !== null && Math.abs(s.clockSkewSeconds) > 120 ? [out.t('syncClockSkew', { seconds: s.clockSkewSeconds })] : []),
    ...(s.failures.length ? [`${out.t('syncFailures')}:`, ...s.failures.map((f) => `  #${f.id} ${f.documentId} v${f.version} ${f.title ?? ''} — ${f.error?.message[out.lang] ?? ''}${f.nextAttemptAt ? ` (${out.t('syncNextAttempt')} ${f.nextAttemptAt})` : ` (${out.t('syncNeedsPerson')})`}`)] : []),
    ...(s.byOfficer.length ? [`${out.t('syncByOfficer')}:`, ...s.byOfficer.map((o) => `  ${o.officer}: ${out.t('syncOfficerCounts', { pending: o.pending, synced: o.synced, failed: o.failed })}`)] : []),
  ];
}

function runSummary(out: Output, r: SyncRunResult): string[] {
  return [out.t('syncRun', { synced: r.synced, failed: r.failed, remaining: r.remaining })];
}

/** A run that left work behind, or was blocked, is a sync failure (exit 5). */
function exitOf(out: Output, r: SyncRunResult): number {
  if (r.blocked) return out.failure(r.blocked);
  if (r.failed > 0 || r.remaining > 0) return out.failure(formatError('sync-server', { status: '—', detail: out.t('syncLeftOver', { count: r.remaining }) }));
  return 0;
}

async function untilStopped(out: Output, s: CliSession): Promise<number> {
  let stop = false;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => {
      stop = true;
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  let totals = { synced: 0, failed: 0 };
  while (!stop) {
    const r = await s.call('sync.run', {});
    totals = { synced: totals.synced + r.synced, failed: totals.failed + r.failed };
    if (r.synced || r.failed) out.note(runSummary(out, r).join('\n'));
    if (r.blocked) return out.failure(r.blocked);
    // Nothing due: look again in a few seconds (rows waiting for their backoff, or new ones).
    await Promise.race([stopped, new Promise((r2) => setTimeout(r2, 3000))]);
  }
  out.result(totals, () => [out.t('syncStopped', totals)]);
  return 0;
}

export const syncCommand: Command = {
  options: { once: { type: 'boolean' } },
  async run({ out, parsed, session }) {
    const [sub, arg, ...extra] = parsed.positionals;
    if (extra.length || (sub !== undefined && !['status', 'retry'].includes(sub)))
      throw badOption('sync', 'expected: sohoa sync [--once] | sohoa sync status | sohoa sync retry [ID]', 'cần: sohoa sync [--once] | sohoa sync status | sohoa sync retry [ID]');
    const s = await session();
    if (sub === 'status') {
      const status = await s.call('sync.status', {});
      out.result(status, () => describeStatus(out, status));
      return status.blocked ? out.failure(status.blocked) : 0;
    }
    if (sub === 'retry') {
      const id = arg === undefined ? undefined : Number(arg);
      if (id !== undefined && !(Number.isInteger(id) && id > 0)) throw badOption('ID', `“${arg}” is not an outbox row number`, `“${arg}” không phải số thứ tự trong hàng đợi`);
      const r = await s.call('sync.retry', id === undefined ? {} : { id });
      out.result(r, () => [out.t('syncRetried', { count: r.retried })]);
      return 0;
    }
    if (parsed.values.once) {
      const r = await s.call('sync.run', {});
      out.result(r, () => runSummary(out, r));
      return exitOf(out, r);
    }
    return untilStopped(out, s);
  },
};
