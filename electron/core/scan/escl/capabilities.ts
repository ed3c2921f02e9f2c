// eSCL ScannerCapabilities → the station's normalised capabilities. eSCL measures in 300ths of
// an inch and names things its own way (Platen, Adf, RGB24); the rest of the station must never
// see that, so everything is converted here, once.
import type { ColorMode, SourceCaps } from '../../../contract';
import { StationError } from '../../errors';
import { type XmlElement, child, children, descendants, numberAt, parseXml, textAt } from './xml';

/** eSCL's unit: ScanRegions and Min/MaxWidth are in 300ths of an inch. */
export const UNITS_PER_INCH = 300;
export const toMm = (units: number) => Math.round(((units * 25.4) / UNITS_PER_INCH) * 10) / 10;
export const toUnits = (mm: number) => Math.round((mm / 25.4) * UNITS_PER_INCH);

/** The eSCL colour mode asked for each of ours, best first (8-bit before 16/48: the store keeps 8). */
export const ESCL_MODES: Record<ColorMode, readonly string[]> = {
  color: ['RGB24', 'RGB48'],
  gray: ['Grayscale8', 'Grayscale16'],
  bw: ['BlackAndWhite1'],
};

export interface EsclSource {
  readonly caps: SourceCaps;
  /** eSCL InputSource for ScanSettings. */
  readonly inputSource: 'Platen' | 'Feeder';
  readonly duplex: boolean;
  /** The eSCL colour mode names this source offers. */
  readonly esclModes: readonly string[];
  /** MIME types offered (DocumentFormat and DocumentFormatExt). */
  readonly formats: readonly string[];
}

export interface EsclCapabilities {
  /** Lower-case, without `urn:uuid:`; undefined when the scanner does not say. */
  readonly uuid: string | undefined;
  readonly makeAndModel: string;
  readonly serial: string;
  /** pwg:Version, echoed in ScanSettings (some scanners refuse settings of another version). */
  readonly version: string;
  readonly sources: readonly EsclSource[];
}

export function normaliseUuid(raw: string | undefined): string | undefined {
  const u = raw?.trim().toLowerCase().replace(/^urn:uuid:/, '');
  return u ? u : undefined;
}

function modesOf(esclModes: readonly string[]): ColorMode[] {
  return (Object.keys(ESCL_MODES) as ColorMode[]).filter((m) => ESCL_MODES[m].some((e) => esclModes.includes(e)));
}

function resolutionsOf(profiles: XmlElement[]): { list: number[]; range: SourceCaps['resolutionRange'] } {
  const list = new Set<number>();
  let range: SourceCaps['resolutionRange'] = null;
  for (const p of profiles) {
    for (const d of descendants(p, 'DiscreteResolution')) {
      const x = numberAt(d, 'XResolution');
      const y = numberAt(d, 'YResolution');
      // The station scans square pixels; a 300×600 entry is of no use to it.
      if (x !== undefined && (y === undefined || y === x)) list.add(x);
    }
    const xr = descendants(p, 'XResolutionRange')[0];
    const min = numberAt(xr, 'Min');
    const max = numberAt(xr, 'Max');
    if (min !== undefined && max !== undefined) range = { min, max, step: numberAt(xr, 'Step') ?? 1 };
  }
  return { list: [...list].sort((a, b) => a - b), range };
}

function sourceOf(inputCaps: XmlElement | undefined, kind: SourceCaps['source'], name: string): EsclSource | null {
  if (!inputCaps) return null;
  const profiles = descendants(inputCaps, 'SettingProfile');
  const esclModes = [...new Set(profiles.flatMap((p) => descendants(p, 'ColorMode').map((m) => m.text.trim())))];
  const formats = [
    ...new Set(profiles.flatMap((p) => [...descendants(p, 'DocumentFormat'), ...descendants(p, 'DocumentFormatExt')].map((f) => f.text.trim().toLowerCase()))),
  ];
  const { list, range } = resolutionsOf(profiles);
  const area = (w: string, h: string) => {
    const width = numberAt(inputCaps, w);
    const height = numberAt(inputCaps, h);
    return width && height ? { width: toMm(width), height: toMm(height) } : null;
  };
  return {
    caps: {
      source: kind,
      name,
      maxArea: area('MaxWidth', 'MaxHeight'),
      minArea: area('MinWidth', 'MinHeight'),
      resolutions: list,
      resolutionRange: range,
      modes: modesOf(esclModes),
      duplex: kind === 'feeder-duplex',
    },
    inputSource: kind === 'flatbed' ? 'Platen' : 'Feeder',
    duplex: kind === 'feeder-duplex',
    esclModes,
    formats,
  };
}

/** `device` names the scanner in the error for a reply the station refuses. */
export function parseCapabilities(xml: string, device?: string): EsclCapabilities {
  const root = parseXml(xml, device);
  if (root.name !== 'ScannerCapabilities') throw new StationError('scanner-reply-refused', { device: device ?? 'eSCL', detail: `not eSCL ScannerCapabilities (root <${root.name}>)` });
  const adf = child(root, 'Adf');
  const simplex = child(adf, 'AdfSimplexInputCaps');
  // Some scanners announce duplex only as an AdfOption and describe one set of caps for both.
  const duplexOption = descendants(adf, 'AdfOption').some((o) => o.text.trim() === 'Duplex');
  const duplexCaps = child(adf, 'AdfDuplexInputCaps') ?? (duplexOption ? simplex : undefined);
  const sources = [
    sourceOf(child(child(root, 'Platen'), 'PlatenInputCaps'), 'flatbed', 'Platen'),
    sourceOf(simplex, 'feeder', 'Adf'),
    sourceOf(duplexCaps, 'feeder-duplex', 'Adf Duplex'),
  ].filter((s): s is EsclSource => s !== null && s.caps.modes.length > 0);
  return {
    uuid: normaliseUuid(textAt(root, 'UUID')),
    makeAndModel: textAt(root, 'MakeAndModel') ?? 'eSCL scanner',
    serial: textAt(root, 'SerialNumber') ?? '',
    version: textAt(root, 'Version') ?? '2.0',
    sources,
  };
}

/** Vendor and model from MakeAndModel ("HP Color LaserJet MFP M281fdw"): the first word is the
 * maker in every eSCL scanner seen so far. */
export function splitMakeAndModel(makeAndModel: string): { vendor: string; model: string } {
  const [vendor = '', ...rest] = makeAndModel.trim().split(/\s+/);
  return rest.length ? { vendor, model: rest.join(' ') } : { vendor: 'eSCL', model: vendor };
}

// ScannerStatus

export type AdfState = 'loaded' | 'empty' | 'jam' | 'hatch-open' | 'other' | 'none';

export interface EsclStatus {
  /** pwg:State: Idle, Processing, Testing, Stopped, Down. */
  readonly state: string;
  readonly adf: AdfState;
  /** Per job: its JobUri and JobState (Processing, Completed, Aborted, Canceled). */
  readonly jobs: readonly { uri: string; state: string; reason: string }[];
}

const ADF_STATES: Record<string, AdfState> = {
  ScannerAdfLoaded: 'loaded',
  ScannerAdfEmpty: 'empty',
  ScannerAdfJam: 'jam',
  ScannerAdfHatchOpen: 'hatch-open',
  ScannerAdfMispick: 'jam',
  ScannerAdfDuplexPageTooShort: 'jam',
  ScannerAdfDuplexPageTooLong: 'jam',
  ScannerAdfMultipickDetected: 'jam',
  ScannerAdfInputTrayFailed: 'other',
  ScannerAdfInputTrayOverloaded: 'other',
};

export function parseStatus(xml: string, device?: string): EsclStatus {
  const root = parseXml(xml, device);
  const adfText = textAt(root, 'AdfState');
  const jobs = children(child(root, 'Jobs'), 'JobInfo').map((j) => ({
    uri: textAt(j, 'JobUri') ?? '',
    state: textAt(j, 'JobState') ?? '',
    reason: descendants(j, 'JobStateReason').map((r) => r.text.trim()).join(','),
  }));
  return { state: textAt(root, 'State') ?? 'Unknown', adf: adfText ? (ADF_STATES[adfText] ?? 'other') : 'none', jobs };
}
