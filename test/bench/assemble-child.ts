// Run as a child process by the PDF benchmark, so that its peak memory can be measured alone:
// writes a record of N pages from the given JPEGs (cycled) to a file.
import { createWriteStream } from 'node:fs';
import { writeRecord } from '../../electron/core/pdf/record';

const [out, countArg, assetsDir, ...jpegs] = process.argv.slice(2);
const count = Number(countArg);
const pages = Array.from({ length: count }, (_, i) => ({ imagePath: jpegs[i % jpegs.length]!, mediaType: 'image/jpeg', widthPx: 1654, heightPx: 2339, dpi: 200 }));
const now = '2026-11-23T10:00:00.000+07:00';
const stream = await writeRecord({ documentId: 'bench', pages, producer: 'bench', digitizedAt: now, modifiedAt: now, digitizedBy: 'Bench', markPosition: 'bottom', record: {}, assetsDir: assetsDir! });
const file = createWriteStream(out!);
for await (const chunk of stream) if (!file.write(chunk)) await new Promise<void>((r) => file.once("drain", () => r()));
await new Promise<void>((resolve) => file.end(resolve));
