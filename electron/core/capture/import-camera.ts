// An import's camera photo (issue 19, `sohoa import --camera`): the photo's page is found, set
// straight at its true size, split if it is a book spread, its light evened
// (camera/camera-page.ts); each corrected page then goes through the import like an image file
// that states its resolution. The corrected page — lossless, at its true size — stands as the
// page's original for the page review's rotate, crop and undo (they re-derive from it); the
// photo itself is not kept: re-deriving from the photo needs the correction as a recorded step
// of the imaging, which the station does not have yet.
import type { CameraImport } from '../../contract';
import { correctCameraPhotoOffThread } from '../camera/camera-thread';
import { imagePages } from './import-image';
import type { ImportedPage } from './import-pdf';

export async function cameraPages(file: string, dpi: number, camera: CameraImport, workDir: string): Promise<ImportedPage[]> {
  const corrected = await correctCameraPhotoOffThread(file, { workDir, dpi, paper: camera.paper, spread: camera.spread });
  const pages: ImportedPage[] = [];
  for (const page of corrected.pages) pages.push(...(await imagePages(page.file, dpi)).map((p) => ({ ...p, keepsOriginal: true })));
  return pages;
}
