// Run as a child process by the signing benchmark, so that each signer's time and peak memory
// are its own: reads the PDF, signs it (PKCS#12, SHA-256, no timestamp), writes the result, and
// prints the milliseconds from reading to written. "baseline" only loads what "ours" loads.
import { readFile, writeFile } from 'node:fs/promises';

const [mode, input, p12, password, out, assetsDir] = process.argv.slice(2);

async function ours(): Promise<number> {
  const { openP12 } = await import('../../electron/core/signing/p12-key');
  const { signPdf } = await import('../../electron/core/signing/sign-pdf');
  if (mode === 'baseline') return 0;
  const started = performance.now();
  const bytes = await readFile(input!);
  const key = await openP12(p12!, password!);
  const result = await signPdf(bytes, { key, format: 'pades', level: 'B-B', appearance: { agency: 'UBND xã Hòa Thuận', position: 'top-right' }, assetsDir: assetsDir! });
  await writeFile(out!, [bytes, ...result.appended]);
  return performance.now() - started;
}

async function signpdf(): Promise<number> {
  const { SignPdf } = await import('@signpdf/signpdf');
  const { P12Signer } = await import('@signpdf/signer-p12');
  const { plainAddPlaceholder } = await import('@signpdf/placeholder-plain');
  const started = performance.now();
  const bytes = await readFile(input!);
  const withPlaceholder = plainAddPlaceholder({ pdfBuffer: bytes, reason: 'bench', contactInfo: '', name: 'bench', location: '', subFilter: 'ETSI.CAdES.detached' });
  const signed = await new SignPdf().sign(withPlaceholder, new P12Signer(await readFile(p12!), { passphrase: password! }));
  await writeFile(out!, signed);
  return performance.now() - started;
}

console.log(JSON.stringify({ ms: await (mode === 'signpdf' ? signpdf() : ours()) }));
