// Is the file a PDF whose every signature is intact? poppler's pdfsig judges: each signature's
// "Signature Validation" must say "Signature is Valid." (a changed byte in a signed range gives
// "Digest Mismatch."). Certificate trust is not the store's question here — the station's
// verifier answers it with the province's trust store — so pdfsig runs with -nocert: no NSS
// database, no network, and the same answer on every machine.
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';

export type PdfVerdict =
  | { ok: true; signatures: number }
  | { ok: false; code: 'not-a-pdf' | 'unsigned' | 'signature-invalid'; detail: string };

const PDFSIG_TIMEOUT_MS = 120_000;

async function startsWithPdfHeader(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === '%PDF-';
  } finally {
    await handle.close();
  }
}

/** pdfsig's output and exit status; asynchronous so that the server keeps answering meanwhile. */
function pdfsig(file: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile('pdfsig', ['-nocert', file], { encoding: 'utf8', timeout: PDFSIG_TIMEOUT_MS, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error); // not run at all (ENOENT, killed by the timeout)
      resolve({ status: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
    });
  });
}

export async function checkPdf(file: string): Promise<PdfVerdict> {
  if (!(await startsWithPdfHeader(file))) return { ok: false, code: 'not-a-pdf', detail: 'the file does not start with %PDF-' };
  const { status, output } = await pdfsig(file);
  // pdfsig prints one block per signature, "Signature #N:" then "  - Key: value" lines.
  const blocks = output.split(/^Signature #\d+:\s*$/m).slice(1);
  if (blocks.length === 0) {
    if (/does not contain any signatures/.test(output)) return { ok: false, code: 'unsigned', detail: 'the PDF contains no signature' };
    return { ok: false, code: 'not-a-pdf', detail: `pdfsig could not read the file (status ${status}): ${output.trim().split('\n').slice(0, 3).join(' / ')}` };
  }
  for (const [i, block] of blocks.entries()) {
    const validation = /^\s*- Signature Validation:\s*(.*)$/m.exec(block)?.[1]?.trim();
    if (validation !== 'Signature is Valid.') {
      const field = /^\s*- Signature Field Name:\s*(.*)$/m.exec(block)?.[1]?.trim();
      return { ok: false, code: 'signature-invalid', detail: `signature #${i + 1}${field ? ` (${field})` : ''}: ${validation ?? 'pdfsig gave no validation result'}` };
    }
  }
  return { ok: true, signatures: blocks.length };
}
