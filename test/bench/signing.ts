// Signing a 50 MB record beside @signpdf/signpdf (placeholder-plain + P12Signer) on the same file
// and the same PKCS#12 key: each signer in its own child process, alternating rounds, timed from
// reading the file to the signed file written (target: ratio ≤ 0.5); and the peak memory each
// needs above its loaded code (target: about one copy of the file).
import { execFileSync } from 'node:child_process';
import { renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, tempDir } from '../helpers/paths';
import { measured, median } from './measure';
import type { BenchResult } from './run';
import { scaled } from './quick';
import { scanLikeJpegs } from './scan-like-jpegs';

const ROUNDS = scaled(5, 1);
const TARGET_MB = scaled(50, 2);

export async function signing(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-sign');
  try {
    const jpegs = await scanLikeJpegs(tmp.path, 5);
    const perPage = jpegs.reduce((n, j) => n + statSync(j).size, 0) / jpegs.length;
    const pages = Math.ceil((TARGET_MB * 1e6) / perPage);
    const assets = join(REPO, 'assets');
    const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const pdf = join(tmp.path, 'record.pdf');
    execFileSync(process.execPath, [tsx, join(REPO, 'test', 'bench', 'assemble-child.ts'), pdf, String(pages), assets, ...jpegs]);
    const small = join(tmp.path, 'one-page.pdf');
    execFileSync(process.execPath, [tsx, join(REPO, 'test', 'bench', 'assemble-child.ts'), small, '1', assets, jpegs[0]!]);
    // Records keep their objects in object streams with a cross-reference stream; @signpdf's
    // placeholder-plain reads only a classic cross-reference table. Both signers sign the same
    // copy rewritten by qpdf with a classic table (our signer takes either kind).
    for (const file of [pdf, small]) {
      execFileSync('qpdf', ['--object-streams=disable', file, `${file}.classic`]);
      renameSync(`${file}.classic`, file);
    }
    const mb = statSync(pdf).size / 1e6;

    // One key for both: RSA 2048, legacy PKCS#12 encryption with an ASCII password, which
    // @signpdf's node-forge reads.
    const cnf = ['-subj', '/C=VN/O=UBND xã Hòa Thuận/CN=Bench Signer', '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation'];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-utf8', ...cnf], { cwd: tmp.path, stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-legacy', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'k.p12', '-passout', 'pass:bench'], { cwd: tmp.path, stdio: 'ignore' });
    const p12 = join(tmp.path, 'k.p12');

    const child = join(REPO, 'test', 'bench', 'sign-child.ts');
    const run = (mode: string, file = pdf) => {
      const r = measured(process.execPath, [tsx, child, mode, file, p12, 'bench', join(tmp.path, `${mode}.pdf`), assets]);
      return { ms: (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number }).ms, rssMb: r.rssMb };
    };
    const ours: { ms: number; rssMb: number }[] = [];
    const peer: { ms: number; rssMb: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(run('ours'));
      peer.push(run('signpdf'));
    }
    const baseline = median(Array.from({ length: 3 }, () => run('baseline').rssMb));
    // What signing costs whatever the file's size (the font for the stamp, the key, pdf-lib):
    // the same signing of a one-page record.
    const fixed = median(Array.from({ length: 3 }, () => run('ours', small).rssMb)) - baseline;
    const o = median(ours.map((r) => r.ms)) / 1000;
    const p = median(peer.map((r) => r.ms)) / 1000;
    const oRss = median(ours.map((r) => r.rssMb));
    const pRss = median(peer.map((r) => r.rssMb));
    return [
      {
        name: `Signing a ${mb.toFixed(1)} MB record (${pages} pages), PKCS#12 RSA-2048, SHA-256, no timestamp (median of ${ROUNDS} alternating rounds, each in its own process)`,
        ours: { label: 'station: PAdES B-B, visible stamp, incremental update', value: o, unit: 's' },
        peer: { label: '@signpdf/signpdf 3: plainAddPlaceholder + P12Signer (invisible)', value: p, unit: 's' },
        ratio: o / p,
        target: '≤ 0.5 (issue 6: time ours / @signpdf)',
      },
      {
        name: `Signing: peak memory above the loaded code (baseline ${baseline.toFixed(0)} MB RSS), for a ${mb.toFixed(1)} MB file`,
        ours: { label: 'station', value: oRss - baseline, unit: 'MB' },
        peer: { label: '@signpdf/signpdf', value: pRss - baseline, unit: 'MB' },
        ratio: (oRss - baseline) / (pRss - baseline),
        target: `ours ≈ one copy of the file (${mb.toFixed(0)} MB)`,
        notes: `ours = ${fixed.toFixed(0)} MB fixed (signing a one-page record) + ${((oRss - baseline - fixed) / mb).toFixed(2)} copies of the file; @signpdf ${((pRss - baseline) / mb).toFixed(2)} copies`,
      },
    ];
  } finally {
    tmp.cleanup();
  }
}
