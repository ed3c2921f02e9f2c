// One side of `npm run bench stitch`: the station's registration of the parts named on the command
// line (dpi first), in a process of its own so that its peak memory is its own. Prints one JSON line.
import { openCv } from '../../electron/core/stitching/opencv';
import { registerParts } from '../../electron/core/stitching/register';
import type { PartImage } from '../../electron/core/stitching/types';

const [dpiArg, sizeArg, ...files] = process.argv.slice(2);
const [widthPx, heightPx] = sizeArg!.split('x').map(Number) as [number, number];
const parts: PartImage[] = files.map((path, index) => ({ index, path, dpi: Number(dpiArg), widthPx, heightPx }));
// OpenCV's WebAssembly is started before the clock, as the peer imports cv2 before its own: the
// station starts it once per worker, not once per sheet.
await openCv();
const start = performance.now();
const found = await registerParts(parts);
console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, placements: found.placements }));
