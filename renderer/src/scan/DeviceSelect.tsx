// The device list of the scan screen: the station's scanners, and beside them the cameras the
// browser sees (issue 19), each a line; a camera's value is `camera:<its id>` (useCameras.ts).
import type { Device } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { SOURCE_LABEL } from './DeviceDetails';
import { type CameraInfo, CAMERA_PREFIX, cameraValue } from './camera/useCameras';

/** A camera's name in the list: its own, or "Camera 2" before the browser may tell it. */
export function cameraLabel(t: ReturnType<typeof useI18n>['t'], cameras: readonly CameraInfo[], id: string): string {
  const i = cameras.findIndex((c) => c.id === id);
  return cameras[i]?.label || t('cameraUnnamed', { n: Math.max(1, i + 1) });
}

export function DeviceSelect(props: {
  devices: readonly Device[];
  cameras: readonly CameraInfo[];
  /** A scanner's id, or a camera's value. */
  value: string;
  onScanner: (deviceId: string) => void;
  onCamera: (cameraId: string) => void;
  onReload: () => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  /** One line per scanner in the list: its name and its paper sources. */
  const deviceLabel = (d: Device) => [`${d.vendor} ${d.model}`.trim(), d.demo ? t('scannerDemo') : '', `— ${d.sources.map((s) => t(SOURCE_LABEL[s.source])).join(', ')}`].filter(Boolean).join(' ');
  return (
    <>
      <div className="field-head">
        {/* What the list holds now: a scanner, or (chosen) a camera. */}
        <label htmlFor="scan-device">{props.value.startsWith(CAMERA_PREFIX) ? t('cameraDevice') : t('scanner')}</label>
        <button type="button" className="link-button" onClick={props.onReload} disabled={props.disabled}>
          {t('reloadScanners')}
        </button>
      </div>
      <div className="field">
        <select
          id="scan-device"
          value={props.value}
          disabled={props.disabled}
          onChange={(e) => (e.target.value.startsWith(CAMERA_PREFIX) ? props.onCamera(e.target.value.slice(CAMERA_PREFIX.length)) : props.onScanner(e.target.value))}
        >
          {props.value === '' && (
            <option value="" disabled>
              —
            </option>
          )}
          {props.devices.map((d) => (
            <option key={d.id} value={d.id}>
              {deviceLabel(d)}
            </option>
          ))}
          {props.cameras.length > 0 && (
            <optgroup label={t('cameraGroup')}>
              {props.cameras.map((c) => (
                <option key={c.id} value={cameraValue(c.id)}>
                  {cameraLabel(t, props.cameras, c.id)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
    </>
  );
}
