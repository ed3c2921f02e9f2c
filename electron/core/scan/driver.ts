// The one interface every scanner family implements (SANE, eSCL, TWAIN, WIA). The rest of the
// station never knows which family it talks to.
import type { ColorMode, Device, SourceCaps, SourceKind } from '../../contract';

export interface ScanArea {
  /** Millimetres from the top-left corner of the source's area. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DriverScanSettings {
  readonly source: SourceKind;
  readonly mode: ColorMode;
  readonly dpi: number;
  /** undefined: whatever the device gives, for a device that cannot choose its area (SANE's pnm,
   * some cameras); only the `auto` paper asks for that (capture/scan-settings.ts). */
  readonly area?: ScanArea | undefined;
  /** At most this many pages; undefined: one on a flatbed, until empty on a feeder. */
  readonly pages?: number | undefined;
  readonly options?: Readonly<Record<string, string | number | boolean>> | undefined;
}

export type DriverEvent =
  | { type: 'page-start'; page: number; widthPx: number; heightPx: number; dpi: number; mode: ColorMode }
  | { type: 'progress'; page: number; bytes: number; expected: number }
  /** A complete page file in the spool folder. */
  | { type: 'page'; page: number; file: string; widthPx: number; heightPx: number; dpi: number; mode: ColorMode; bytes: number };

export interface ScanOutcome {
  readonly pages: number;
  /** `no-documents`: the feeder ran empty, the normal end of a feeder batch. */
  readonly end: 'count' | 'no-documents';
}

export interface ScanJobSpec {
  readonly deviceId: string;
  readonly settings: DriverScanSettings;
  readonly spoolDir: string;
  /** File name prefix for this job's pages in the spool folder. */
  readonly prefix: string;
  readonly onEvent: (event: DriverEvent) => void;
  readonly signal: AbortSignal;
}

export interface ScanDriver {
  readonly family: Device['driver'];
  /** Whether this driver serves the device id (by its prefix). */
  owns(deviceId: string): boolean;
  list(): Promise<Device[]>;
  caps(deviceId: string): Promise<SourceCaps[]>;
  /** Resolves when the job ends normally; rejects with a StationError carrying the device code. */
  scan(job: ScanJobSpec): Promise<ScanOutcome>;
  close(): Promise<void>;
}
