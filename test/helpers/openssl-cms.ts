// OpenSSL's own CMS verification of a PDF signature: the signed bytes (the byte range) and the
// CMS blob (the /Contents, cut to its DER length) are taken out of the file and handed to
// `openssl cms -verify`, an implementation that shares nothing with ours.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './paths';

export interface ExtractedSignature {
  readonly signedBytes: Buffer;
  readonly cms: Buffer;
}

/** Every signature of the file, in file order. */
export function extractSignatures(file: string): ExtractedSignature[] {
  const bytes = readFileSync(file);
  const text = bytes.toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const hex = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    // The DER length of the outer SEQUENCE: the placeholder's trailing zeros are not part of it.
    const lenByte = hex[1]!;
    const len = lenByte < 0x80 ? 2 + lenByte : 2 + (lenByte & 0x7f) + hex.subarray(2, 2 + (lenByte & 0x7f)).reduce((n, x) => n * 256 + x, 0);
    return { signedBytes: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]), cms: hex.subarray(0, len) };
  });
}

/** `openssl cms -verify` of one signature against the CA; returns its status and what it said,
 * with the signature algorithm as `openssl cms -cmsout -print` names it. */
export function opensslCmsVerify(sig: ExtractedSignature, caPem: string): { ok: boolean; output: string; algorithms: string[] } {
  const tmp = tempDir('openssl-cms');
  try {
    const cms = join(tmp.path, 'sig.der');
    const content = join(tmp.path, 'signed.bin');
    writeFileSync(cms, sig.cms);
    writeFileSync(content, sig.signedBytes);
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', caPem, '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    const printed = spawnSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cms], { encoding: 'utf8' }).stdout;
    const algorithms = [...printed.matchAll(/signatureAlgorithm:\s*\n\s*algorithm: (\S+)/g)].map((m) => m[1]!);
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim(), algorithms };
  } finally {
    tmp.cleanup();
  }
}
