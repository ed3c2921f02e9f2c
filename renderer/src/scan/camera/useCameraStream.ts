// One camera open for the live view and for photos (issue 19): asked for its largest picture, with
// the resolutions it offers below that to choose from. When its track ends — the camera unplugged
// or switched off mid-book — it says so once (onEnded); the pages taken stay where they are.
import { useEffect, useRef, useState } from 'react';
import { type WireError, formatError } from '../../../../electron/contract';

export interface Resolution {
  readonly width: number;
  readonly height: number;
}

/** What a document camera or webcam commonly offers, largest first; shown up to its maximum. */
const COMMON: readonly Resolution[] = [
  { width: 4096, height: 3072 },
  { width: 3840, height: 2160 },
  { width: 3264, height: 2448 },
  { width: 2592, height: 1944 },
  { width: 1920, height: 1080 },
  { width: 1600, height: 1200 },
  { width: 1280, height: 960 },
  { width: 1280, height: 720 },
  { width: 640, height: 480 },
];

/** Ask for the largest the camera has: the browser picks the mode nearest to this. */
const LARGEST = { width: { ideal: 4096 }, height: { ideal: 3072 } };

export interface CameraStream {
  readonly stream: MediaStream | null;
  /** The picture the camera sends now. */
  readonly size: Resolution | null;
  /** What it can send, largest first (the first is its maximum). */
  readonly resolutions: readonly Resolution[];
  /** The full-sensor photo size, where the browser takes photos apart from the video (ImageCapture). */
  readonly photoSize: Resolution | null;
  readonly error: WireError | null;
}

function resolutionsUpTo(max: Resolution | null): Resolution[] {
  if (!max) return [];
  const below = COMMON.filter((r) => r.width <= max.width && r.height <= max.height && !(r.width === max.width && r.height === max.height));
  return [max, ...below];
}

/** `attempt`: a new number opens the camera again (after it was unplugged and plugged in). */
export function useCameraStream(cameraId: string | null, label: string, resolution: Resolution | null, attempt: number, onEnded: (camera: string) => void): CameraStream {
  const [state, setState] = useState<CameraStream>({ stream: null, size: null, resolutions: [], photoSize: null, error: null });
  const ended = useRef(onEnded);
  useEffect(() => {
    ended.current = onEnded;
  });

  useEffect(() => {
    if (!cameraId) return setState({ stream: null, size: null, resolutions: [], photoSize: null, error: null });
    let live = true;
    let stream: MediaStream | null = null;
    setState({ stream: null, size: null, resolutions: [], photoSize: null, error: null });
    const video = resolution ? { width: { exact: resolution.width }, height: { exact: resolution.height } } : LARGEST;
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) {
      setState((s) => ({ ...s, error: formatError('camera-unavailable', { camera: label, detail: 'no camera API in this window', detail_vi: 'cửa sổ này không có giao diện máy ảnh' }) }));
      return;
    }
    void media
      .getUserMedia({ audio: false, video: { deviceId: { exact: cameraId }, ...video } })
      .then(async (s) => {
        if (!live) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        const track = s.getVideoTracks()[0];
        if (!track) throw new Error('no video track');
        track.addEventListener('ended', () => live && ended.current(label));
        const settings = track.getSettings();
        const caps = typeof track.getCapabilities === 'function' ? track.getCapabilities() : {};
        const max = caps.width?.max && caps.height?.max ? { width: caps.width.max, height: caps.height.max } : settings.width && settings.height ? { width: settings.width, height: settings.height } : null;
        let photoSize: Resolution | null = null;
        if (typeof ImageCapture === 'function') {
          const photo = await new ImageCapture(track).getPhotoCapabilities().catch(() => null);
          if (photo?.imageWidth?.max && photo.imageHeight?.max) photoSize = { width: photo.imageWidth.max, height: photo.imageHeight.max };
        }
        if (!live) return;
        setState({ stream: s, size: settings.width && settings.height ? { width: settings.width, height: settings.height } : null, resolutions: resolutionsUpTo(max), photoSize, error: null });
      })
      .catch((e: unknown) => {
        if (!live) return;
        const detail = e instanceof DOMException ? e.name : String(e);
        setState((s) => ({ ...s, error: formatError('camera-unavailable', { camera: label, detail, detail_vi: detail }) }));
      });
    return () => {
      live = false;
      stream?.getTracks().forEach((t) => t.stop());
    };
    // The label only names the camera in messages: a new label must not reopen it.
  }, [cameraId, resolution?.width, resolution?.height, attempt]);
  return state;
}
