// English for cameras as devices on the scan screen (issue 19, item 1); en.ts spreads it in.
import type { viCamera } from './vi-camera';

export const enCamera: Readonly<Record<keyof typeof viCamera, string>> = {
  cameraGroup: 'Cameras (document capture)',
  cameraDevice: 'Camera',
  cameraUnnamed: 'Camera {n}',
  cameraPreview: 'Live picture from the camera',
  cameraStarting: 'Opening the camera…',
  cameraResolution: 'Camera resolution',
  cameraPhotoSize: 'Photo: {width} × {height} pixels',
  cameraPaper: 'Paper under the camera',
  cameraCapture: 'Take page',
  cameraCapturing: 'Saving the photo…',
  cameraAuto: 'Take the page by itself when it is still',
  cameraAutoHint: 'Turn the page and take your hand away: the photo is taken after about 1 second of stillness.',
  cameraKeyHint: 'Press Space or Enter (or the foot pedal) to take the page.',
  cameraMotion: 'Movement — waiting for the page to be still',
  cameraStill: 'The page is still',
  cameraWaitingTurn: 'This page is taken — turn to the next page',
  cameraGone: 'The camera stopped sending pictures',
  cameraReopen: 'Open the camera again',
  cameraNoPages: 'No pages yet. Put the paper under the camera and press Space, or turn on automatic capture.',
  cameraTaken: '{count} page(s) taken',
  keyCameraCapture: 'Take a page with the camera (a foot pedal too)',
  keyCameraAuto: 'Automatic capture when the page is still, on or off',
};
