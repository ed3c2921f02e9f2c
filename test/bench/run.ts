// npm run bench: each benchmark runs the station and a peer side by side in this process tree,
// alternating rounds (these machines are noisy: compare the ratio, not the absolute times).
import { scanThroughput } from './scan-throughput';

export interface BenchResult {
  readonly name: string;
  readonly ours: { label: string; value: number; unit: string };
  readonly peer: { label: string; value: number; unit: string };
  /** ours / peer, oriented so that higher is better for the station. */
  readonly ratio: number;
  readonly target?: string;
  readonly notes?: string;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const benches = [scanThroughput];
for (const bench of benches) {
  const r = await bench();
  const fmt = (x: BenchResult['ours']) => `${x.label}: ${x.value.toFixed(1)} ${x.unit}`;
  console.log(`\n${r.name}\n  ${fmt(r.ours)}\n  ${fmt(r.peer)}\n  ratio ${r.ratio.toFixed(2)}${r.target ? `   (target ${r.target})` : ''}${r.notes ? `\n  ${r.notes}` : ''}`);
}
