import sharp from 'sharp';
import { scanLikeJpegs } from '/work/main/test/bench/scan-like-jpegs';
const pages = await scanLikeJpegs('/tmp/ocrx', 2, 300);
for (const [i, p] of pages.entries()) {
  await sharp(p).greyscale().png({ compressionLevel: 1 }).toFile(`/tmp/ocrx/grey-${i}.png`);
  await sharp(p).greyscale().jpeg({ quality: 92 }).toFile(`/tmp/ocrx/grey-${i}.jpg`);
}
console.log(pages.join(' '));
