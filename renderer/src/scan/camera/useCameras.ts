// The cameras the browser can see (issue 19: cameras as devices beside the scanners), from its own
// camera API: a document camera or webcam plugged in or out appears or goes (`devicechange`).
// Before the person has allowed the camera the browser lists each kind once, without id or name;
// choosing such an entry asks for the camera first (allow), then lists them again, named.
import { useCallback, useEffect, useState } from 'react';

export interface CameraInfo {
  /** The browser's id for it (stable for this site). */
  readonly id: string;
  /** Its name, '' until the camera is allowed. */
  readonly label: string;
}

/** The browser's placeholder for cameras not yet allowed (no id): see allow(). */
const UNNAMED = 'unallowed-';

export function useCameras(): { cameras: readonly CameraInfo[]; refresh: () => void; allow: (id: string) => Promise<string> } {
  const [cameras, setCameras] = useState<readonly CameraInfo[]>([]);
  const refresh = useCallback(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    void media.enumerateDevices().then(
      (all) => setCameras(all.filter((d) => d.kind === 'videoinput').map((d, i) => ({ id: d.deviceId || `${UNNAMED}${i}`, label: d.label }))),
      () => setCameras([]),
    );
  }, []);
  useEffect(() => {
    refresh();
    const media = navigator.mediaDevices;
    media?.addEventListener?.('devicechange', refresh);
    return () => media?.removeEventListener?.('devicechange', refresh);
  }, [refresh]);
  /** The id to open for a chosen entry: a placeholder asks for a camera (the browser's prompt),
   * and answers with the id of the one given; the list is read again, named. */
  const allow = useCallback(
    async (id: string) => {
      if (!id.startsWith(UNNAMED)) return id;
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      const given = stream.getVideoTracks()[0]?.getSettings().deviceId;
      stream.getTracks().forEach((t) => t.stop());
      refresh();
      return given ?? id;
    },
    [refresh],
  );
  return { cameras, refresh, allow };
}

/** The value of a camera in the device list (beside the scanners' ids). */
export const CAMERA_PREFIX = 'camera:';
export const cameraValue = (id: string) => `${CAMERA_PREFIX}${id}`;
