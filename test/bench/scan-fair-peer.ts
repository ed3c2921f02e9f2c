// The scan bench's peer, doing the station's ingest work with standard tools: Debian's scanimage
// (the same SANE test device and settings) streams each page through `tee` into `sha256sum` (the
// SHA-256 of the captured bytes) and into `openssl cms -encrypt -aes-256-gcm` (AES-256-GCM for
// real: `openssl enc` refuses AEAD ciphers, but CMS AuthEnvelopedData, OpenSSL ≥ 3.0, encrypts
// the content with AES-256-GCM under a random content key, wrapped here by a 256-bit key given
// as a KEK, -secretkey), into a file that `sync -d` then flushes to disk. Each page is its own
// pipeline, fed through a named pipe that scanimage opens as its output (scanimage writes
// `<name>.part`, then renames it), so the peer is pipelined like the station: page n is hashed,
// encrypted and flushed while the scanner side reads page n+1.
//
// What the peer still does not do that the station does: the thumbnail, the SQLite rows, the
// spool file (the station's worker writes the page to the spool, then the station reads it).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One page's pipeline, per page i; then scanimage; then every pipeline to its end. */
const SCRIPT = `
set -euo pipefail
out=$1; pages=$2; key=$3; shift 3
cd "$out"
for i in $(seq 1 "$pages"); do
  mkfifo "p$i.tiff.part" "h$i"
  (
    sha256sum < "h$i" > "p$i.sha256" &
    tee "h$i" < "p$i.tiff.part" | openssl cms -encrypt -binary -stream -aes-256-gcm -secretkey "$key" -secretkeyid 01 -outform DER -out "p$i.cms"
    sync -d "p$i.cms"
    wait
  ) &
done
scanimage "$@" --batch="$out/p%d.tiff" --batch-count="$pages"
wait
`;

export const FAIR_PEER_LABEL = 'scanimage | tee → sha256sum, openssl cms AES-256-GCM → file, sync -d (per page)';

/** Runs the peer into `out` (an empty folder); returns the seconds it took and checks that every
 * page was hashed and encrypted. */
export function fairScanPeer(out: string, pages: number, scanimageArgs: readonly string[], env: NodeJS.ProcessEnv): number {
  const key = randomBytes(32).toString('hex');
  const started = performance.now();
  const r = spawnSync('bash', ['-c', SCRIPT, 'fair-peer', out, String(pages), key, ...scanimageArgs], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`the fair scan peer failed (${r.status}): ${r.stderr.slice(-800)}`);
  for (let i = 1; i <= pages; i++) {
    if (!/^[0-9a-f]{64}\s/.test(readFileSync(join(out, `p${i}.sha256`), 'utf8'))) throw new Error(`the fair scan peer hashed no page ${i}`);
  }
  return seconds;
}
