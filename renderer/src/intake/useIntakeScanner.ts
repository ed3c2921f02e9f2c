// The scanner the counter uses for intake: remembered on this computer (a counter has one), by
// default the first that takes a paper size (a virtual file reader does not).
import { useCallback, useEffect, useState } from 'react';
import type { Device, WireError } from '../../../electron/contract';
import { useDevices } from '../scan/useDevices';

const STORAGE_KEY = 'sohoa.intake.scanner';

function remembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function useIntakeScanner(onError: (e: WireError) => void) {
  const stableOnError = useCallback((e: WireError) => onError(e), [onError]);
  const { devices, reload } = useDevices(stableOnError);
  const [deviceId, setDeviceId] = useState<string | null>(remembered);
  useEffect(() => {
    if (!devices || devices.length === 0) return;
    if (deviceId && devices.some((d) => d.id === deviceId)) return;
    const sized = devices.find((d) => d.sources.some((s) => s.maxArea !== null)) ?? devices[0]!;
    setDeviceId(sized.id);
  }, [devices, deviceId]);
  const choose = useCallback((id: string) => {
    setDeviceId(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // storage unavailable: the choice lasts for this window only
    }
  }, []);
  const device: Device | null = devices?.find((d) => d.id === deviceId) ?? null;
  return { devices, device, choose, reload };
}
