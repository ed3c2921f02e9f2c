// Issue 19's camera bench (page geometry; curvature flattening is not built): generated camera
// photos of Vietnamese pages and book spreads (test/fixtures/camera-photos.ts) imported with
// `--camera` (outline, perspective, spread split, light evened) beside the same photos imported
// as they are — what the station gave a photo before. Figures: OCR character accuracy of the
// record's text layer (pdftotext) against the pages' text, the outline's IoU against the true
// corners (peer: the whole frame, what no outline gives), the page's aspect error (peer: the
// outline's sides alone, what a correction without the camera model gives), seconds per photo.
import { join } from 'node:path';
import { correctCameraPhoto } from '../../electron/core/camera/camera-page';
import { apparentRatio } from '../../electron/core/camera/page-aspect';
import type { Quad } from '../../electron/core/camera/types';
import { type CameraPhotoOptions, type CameraPhotoTruth, cameraPhoto, quadIoU } from '../fixtures/camera-photos';
import { characterAccuracy } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { pdftotext } from '../helpers/pdf-tools';
import { openTestStation } from '../helpers/station';
import type { BenchResult } from './run';
import { scaled } from './quick';

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const frame = (t: CameraPhotoTruth): Quad => [{ x: 0, y: 0 }, { x: t.width, y: 0 }, { x: t.width, y: t.height }, { x: 0, y: t.height }];

export async function cameraBench(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-camera');
  const t = await openTestStation();
  try {
    const shots: CameraPhotoOptions[] = scaled(
      [{ seed: 101 }, { seed: 102 }, { seed: 103, tiltX: 20 }, { seed: 104, hotSpot: 0.4, shadow: 0.45 }, { seed: 105, kind: 'spread' }, { seed: 106, kind: 'spread' }],
      [{ seed: 101 }],
    );
    const ours = { accuracy: [] as number[], iou: [] as number[], aspect: [] as number[], seconds: [] as number[], correct: [] as number[] };
    const peer = { accuracy: [] as number[], iou: [] as number[], aspect: [] as number[], seconds: [] as number[] };
    for (const shot of shots) {
      const truth = await cameraPhoto(join(tmp.path, 'photos'), shot);
      const reference = truth.text.join('\n');
      const recognised = async (camera: boolean) => {
        const started = performance.now();
        const doc = await t.call('documents.import', { paths: [truth.photo], ocr: 'wait', ...(camera ? { camera: { spread: 'auto' as const } } : {}) });
        const seconds = (performance.now() - started) / 1000;
        const out = join(tmp.path, `${doc.id}.pdf`);
        await t.call('documents.export', { id: doc.id, path: out });
        const text = pdftotext(out).split('\n').filter((l) => !l.startsWith('Bản điện tử chuyển đổi')).join('\n');
        return { accuracy: characterAccuracy(reference, text), seconds };
      };
      const [a, b] = [await recognised(true), await recognised(false)];
      ours.accuracy.push(a.accuracy);
      ours.seconds.push(a.seconds);
      peer.accuracy.push(b.accuracy);
      peer.seconds.push(b.seconds);
      const started = performance.now();
      const r = await correctCameraPhoto(truth.photo, { workDir: join(tmp.path, 'pages') });
      ours.correct.push((performance.now() - started) / 1000);
      ours.iou.push(quadIoU(r.outline, truth.corners));
      peer.iou.push(quadIoU(frame(truth), truth.corners));
      const trueRatio = (truth.pageMm.width * (shot.kind === 'spread' ? 2 : 1)) / truth.pageMm.height;
      ours.aspect.push(Math.abs(r.measures.ratio / trueRatio - 1));
      peer.aspect.push(Math.abs(apparentRatio(truth.corners) / trueRatio - 1));
      console.log(`  photo ${shot.kind ?? 'page'} seed ${shot.seed}: accuracy ${(a.accuracy * 100).toFixed(1)}% corrected, ${(b.accuracy * 100).toFixed(1)}% as photographed; IoU ${quadIoU(r.outline, truth.corners).toFixed(4)}; aspect error ${(ours.aspect.at(-1)! * 100).toFixed(2)}%; correction ${ours.correct.at(-1)!.toFixed(2)} s`);
    }
    const pct = (x: number) => x * 100;
    return [
      {
        name: 'Camera photos: OCR character accuracy of the record (pdftotext)',
        ours: { label: 'corrected (--camera)', value: pct(mean(ours.accuracy)), unit: '%' },
        peer: { label: 'the photo imported as it is', value: pct(mean(peer.accuracy)), unit: '%' },
        ratio: mean(ours.accuracy) / Math.max(1e-6, mean(peer.accuracy)),
        target: '≥ 97 % corrected',
        notes: `worst photo corrected ${pct(Math.min(...ours.accuracy)).toFixed(1)} %; ${shots.length} photos`,
      },
      {
        name: 'Camera photos: page outline IoU against the true corners',
        ours: { label: 'outline found (mean)', value: mean(ours.iou), unit: 'IoU' },
        peer: { label: 'the whole frame (no outline)', value: mean(peer.iou), unit: 'IoU' },
        ratio: mean(ours.iou) / mean(peer.iou),
        target: '≥ 0.98',
        notes: `worst ${Math.min(...ours.iou).toFixed(4)}`,
      },
      {
        name: 'Camera photos: page aspect error (size from the aspect)',
        ours: { label: 'camera model (mean)', value: pct(mean(ours.aspect)), unit: '%' },
        peer: { label: 'the outline’s sides alone', value: pct(mean(peer.aspect)), unit: '%' },
        ratio: mean(peer.aspect) / Math.max(1e-6, mean(ours.aspect)),
        target: '≤ 1 %',
        notes: `worst ${pct(Math.max(...ours.aspect)).toFixed(2)} %; with an A-series aspect the page is set to A4 exactly (or to --paper)`,
      },
      {
        name: 'Camera photos: seconds per photo through the whole import (OCR included)',
        ours: { label: 'corrected (--camera)', value: mean(ours.seconds), unit: 's' },
        peer: { label: 'the photo imported as it is', value: mean(peer.seconds), unit: 's' },
        ratio: mean(peer.seconds) / mean(ours.seconds),
        notes: `the correction alone: ${mean(ours.correct).toFixed(2)} s per photo (2 cores shared; the lead re-measures)`,
      },
    ];
  } finally {
    await t.close();
    tmp.cleanup();
  }
}
