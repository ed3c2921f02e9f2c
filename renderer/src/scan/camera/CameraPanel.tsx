// A camera on the scan screen (issue 19, item 1): its live picture, its resolution, the paper under
// it, and capture — on Space or Enter (a foot pedal types one of them), on the button, or by
// itself once the page is still after a turn (stillness.ts). Each photo goes into the open draft
// through capture.photo and is on disk and in the database before its thumbnail shows.
import { type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { type CameraPhotoResult, type PresetName, type WireError, formatError, formatNumber } from '../../../../electron/contract';
import { StationCallError } from '../../client/client';
import { useClient } from '../../client/context';
import { useI18n } from '../../i18n';
import { ActiveScreen, useShortcut } from '../../shortcuts/useShortcut';
import { greyFrame } from './greyFrame';
import { type Stillness, StillnessWatch } from './stillness';
import { takePhoto } from './takePhoto';
import { type Resolution, useCameraStream } from './useCameraStream';

/** The papers a camera is used for, most common first (a large map goes to a scanner in parts). */
const CAMERA_PAPERS: readonly PresetName[] = ['a4', 'a5', 'a3', 'a6', 'id-card', 'letter', 'legal', 'a2'];
/** How often the picture is looked at for stillness (ms). */
const WATCH_EVERY_MS = 100;

export interface CameraPanelProps {
  readonly cameraId: string;
  /** Its name as listed (or "Camera 1" before it was allowed). */
  readonly label: string;
  /** The device list (scanners and cameras), shown above the live view. */
  readonly deviceChoice: ReactNode;
  readonly documentId: string | null;
  readonly pagesTaken: number;
  readonly disabled: boolean;
  readonly onCaptured: (result: CameraPhotoResult) => void;
  readonly onError: (error: WireError | null) => void;
  /** The camera was allowed: the list can name it now. */
  readonly onOpened: () => void;
}

/** Resolves once the video shows a picture, or after a few seconds (the photo then says what is wrong). */
function firstPicture(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (video.removeEventListener('loadeddata', done), clearTimeout(timer), resolve());
    const timer = setTimeout(done, 5000);
    video.addEventListener('loadeddata', done);
  });
}

export function CameraPanel(props: CameraPanelProps) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { onError, onCaptured, onOpened } = props;
  const [resolution, setResolution] = useState<Resolution | null>(null);
  const [paper, setPaper] = useState<PresetName>('a4');
  const [auto, setAuto] = useState(false);
  const [stillness, setStillness] = useState<Stillness | null>(null);
  const [capturing, setCapturing] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const small = useRef<HTMLCanvasElement | null>(null);
  const watch = useRef(new StillnessWatch());
  const busy = useRef(false);
  const pagesTaken = useRef(props.pagesTaken);
  useEffect(() => {
    pagesTaken.current = props.pagesTaken;
  });

  // The camera stopped sending (unplugged, switched off): nothing is taken until it is opened again.
  const [gone, setGone] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const onEnded = useCallback(
    (camera: string) => {
      setGone(true);
      setAuto(false);
      onError(formatError('camera-disconnected', { camera, pages: pagesTaken.current }));
    },
    [onError],
  );
  const reopen = () => {
    setGone(false);
    onError(null);
    setAttempt((a) => a + 1);
  };
  // The scan screen stays mounted behind the others: away from it the camera is let go (its light
  // goes out, nothing is taken by itself), and opened again on the way back.
  const screen = useContext(ActiveScreen);
  const shown = screen === null || screen === 'scan';
  const camera = useCameraStream(shown ? props.cameraId : null, props.label, resolution, attempt, onEnded);
  const live = !!camera.stream && !gone;
  useEffect(() => {
    if (camera.error) onError(camera.error);
  }, [camera.error, onError]);
  useEffect(() => {
    const el = video.current;
    if (!el || !camera.stream) return;
    el.srcObject = camera.stream;
    void el.play().catch(() => undefined);
    onOpened();
    // The pedal's keys work at once: the live view takes the focus from the device list.
    el.parentElement?.focus();
  }, [camera.stream, onOpened]);

  const grey = () => {
    if (!video.current) return null;
    small.current ??= Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
    return greyFrame(video.current, small.current);
  };

  const capture = useCallback(async () => {
    const el = video.current;
    if (busy.current || props.disabled || !el || !live) return;
    busy.current = true;
    setCapturing(true);
    onError(null);
    try {
      // A camera just (re)opened has no picture for a moment: the press waits for it, not lost.
      if (el.videoWidth === 0) await firstPicture(el);
      const jpeg = await takePhoto(el, camera.stream.getVideoTracks()[0] ?? null);
      const result = await client.call('capture.photo', { jpeg, paper, camera: props.label, ...(props.documentId ? { documentId: props.documentId } : {}) });
      onCaptured(result);
    } catch (e) {
      if (e instanceof StationCallError) onError(e.error);
      else onError(formatError('camera-photo-not-jpeg', { detail: String(e), detail_vi: String(e) }));
    } finally {
      busy.current = false;
      setCapturing(false);
    }
  }, [camera.stream, client, live, onCaptured, onError, paper, props.disabled, props.documentId, props.label]);

  // The stillness watch calls the capture of now (the draft it goes to changes after the first).
  const captureNow = useRef(capture);
  useEffect(() => {
    captureNow.current = capture;
  });
  const captureByHand = () => {
    watch.current.taken(grey());
    void capture();
  };
  // On while the camera is chosen, even gone: a pedal's Space then does nothing (rather than scroll).
  useShortcut('scan.camera-capture', captureByHand, (live || gone) && !props.disabled);
  useShortcut('scan.camera-auto', () => setAuto((a) => !a), live);

  // Automatic capture: the picture looked at ten times a second while the mode is on.
  useEffect(() => {
    if (!auto || !live) {
      setStillness(null);
      return;
    }
    watch.current = new StillnessWatch();
    const timer = setInterval(() => {
      const frame = grey();
      if (!frame) return;
      const now = watch.current.feed(frame, performance.now());
      setStillness(now === 'take' ? 'taken' : now);
      if (now === 'take') void captureNow.current();
    }, WATCH_EVERY_MS);
    return () => clearInterval(timer);
    // grey() reads refs only
  }, [auto, live]);

  const status = capturing ? t('cameraCapturing') : stillness === 'moving' ? t('cameraMotion') : stillness === 'settling' ? t('cameraStill') : stillness === 'taken' ? t('cameraWaitingTurn') : null;
  const size = camera.size;
  const resolutionValue = resolution ? `${resolution.width}x${resolution.height}` : '';
  const paperLabel = (p: PresetName) => (p === 'id-card' ? t('paperIdCard') : p.length === 2 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1));

  return (
    <div className="camera-panel">
      {props.deviceChoice}
      <div className="camera-view" tabIndex={0} role="region" aria-label={t('cameraPreview')} aria-busy={!camera.stream}>
        <video ref={video} muted playsInline autoPlay />
        {!camera.stream && !camera.error && <p className="camera-starting">{t('cameraStarting')}</p>}
        {gone && (
          <div className="camera-gone">
            <p>{t('cameraGone')}</p>
            <button type="button" onClick={reopen}>
              {t('cameraReopen')}
            </button>
          </div>
        )}
        {status && (
          <p className={`camera-status ${stillness ?? ''}`} data-state={capturing ? 'capturing' : (stillness ?? '')}>
            {status}
          </p>
        )}
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('cameraResolution')}</span>
          <select
            value={resolutionValue}
            disabled={camera.resolutions.length === 0}
            onChange={(e) => {
              const [w, h] = e.target.value.split('x').map(Number);
              setResolution(w && h ? { width: w, height: h } : null);
            }}
          >
            {!resolution && <option value="">{size ? `${size.width} × ${size.height}` : '—'}</option>}
            {camera.resolutions
              .filter((r) => resolution || !size || r.width !== size.width || r.height !== size.height)
              .map((r) => (
                <option key={`${r.width}x${r.height}`} value={`${r.width}x${r.height}`}>
                  {r.width} × {r.height}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>{t('cameraPaper')}</span>
          <select value={paper} onChange={(e) => setPaper(e.target.value as PresetName)}>
            {CAMERA_PAPERS.map((p) => (
              <option key={p} value={p}>
                {paperLabel(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {camera.photoSize && <p className="hint">{t('cameraPhotoSize', { width: camera.photoSize.width, height: camera.photoSize.height })}</p>}
      <label className="camera-auto">
        <input type="checkbox" checked={auto} disabled={!live} onChange={(e) => setAuto(e.target.checked)} aria-keyshortcuts="A" />
        <span>{t('cameraAuto')}</span>
        <kbd aria-hidden="true">A</kbd>
      </label>
      <p className="hint">{auto ? t('cameraAutoHint') : t('cameraKeyHint')}</p>
      <div className="scan-actions">
        <button type="button" className="primary big" disabled={!live || capturing || props.disabled} aria-keyshortcuts="Space Enter" onClick={captureByHand}>
          {capturing ? t('cameraCapturing') : t('cameraCapture')}
        </button>
        {props.pagesTaken > 0 && <span className="camera-count">{t('cameraTaken', { count: formatNumber(props.pagesTaken, lang) })}</span>}
      </div>
    </div>
  );
}
