// The XML the fixture serves and reads, written by hand from the eSCL specification (Mopria
// eSCL 2.x, namespaces pwg and scan) rather than with the station's own XML code, so that a bug
// in the client cannot hide behind the same bug in the fixture.

export const NS =
  'xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm" xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"';

export interface FixtureIdentity {
  readonly uuid: string;
  readonly makeAndModel: string;
  readonly serial: string;
}

/** A4-ish glass and feeder: 8.5 × 11.69 in, in 300ths of an inch (eSCL's unit). */
export const MAX_WIDTH = 2550;
export const MAX_HEIGHT = 3507;
export const RESOLUTIONS = [75, 100, 150, 200, 300, 600];

function inputCaps(tag: string): string {
  return `
    <scan:${tag}>
      <scan:MinWidth>16</scan:MinWidth>
      <scan:MaxWidth>${MAX_WIDTH}</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight>
      <scan:MaxHeight>${MAX_HEIGHT}</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles>
        <scan:SettingProfile>
          <scan:ColorModes>
            <scan:ColorMode>BlackAndWhite1</scan:ColorMode>
            <scan:ColorMode>Grayscale8</scan:ColorMode>
            <scan:ColorMode>RGB24</scan:ColorMode>
          </scan:ColorModes>
          <scan:DocumentFormats>
            <pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
            <pwg:DocumentFormat>image/png</pwg:DocumentFormat>
            <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>
            <scan:DocumentFormatExt>image/png</scan:DocumentFormatExt>
          </scan:DocumentFormats>
          <scan:SupportedResolutions>
            <scan:DiscreteResolutions>${RESOLUTIONS.map(
              (r) => `
              <scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
            ).join('')}
            </scan:DiscreteResolutions>
          </scan:SupportedResolutions>
        </scan:SettingProfile>
      </scan:SettingProfiles>
      <scan:SupportedIntents>
        <scan:Intent>Document</scan:Intent>
        <scan:Intent>Photo</scan:Intent>
      </scan:SupportedIntents>
      <scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution>
      <scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>
    </scan:${tag}>`;
}

export function capabilitiesXml(id: FixtureIdentity, baseUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${id.makeAndModel}</pwg:MakeAndModel>
  <pwg:SerialNumber>${id.serial}</pwg:SerialNumber>
  <scan:UUID>${id.uuid}</scan:UUID>
  <scan:AdminURI>${baseUrl}</scan:AdminURI>
  <scan:Platen>${inputCaps('PlatenInputCaps')}
  </scan:Platen>
  <scan:Adf>${inputCaps('AdfSimplexInputCaps')}${inputCaps('AdfDuplexInputCaps')}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions>
      <scan:AdfOption>DetectPaperLoaded</scan:AdfOption>
      <scan:AdfOption>Duplex</scan:AdfOption>
    </scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>
`;
}

export interface JobView {
  readonly id: string;
  readonly state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  readonly images: number;
}

export function statusXml(state: 'Idle' | 'Processing' | 'Stopped', adfState: string, jobs: readonly JobView[]): string {
  const jobXml = jobs
    .map(
      (j) => `
    <scan:JobInfo>
      <pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri>
      <pwg:JobUuid>${j.id}</pwg:JobUuid>
      <scan:Age>1</scan:Age>
      <pwg:ImagesCompleted>${j.images}</pwg:ImagesCompleted>
      <pwg:ImagesToTransfer>${j.state === 'Processing' ? 1 : 0}</pwg:ImagesToTransfer>
      <pwg:JobState>${j.state}</pwg:JobState>
      <pwg:JobStateReasons><pwg:JobStateReason>${j.state === 'Processing' ? 'JobScanning' : 'JobCompletedSuccessfully'}</pwg:JobStateReason></pwg:JobStateReasons>
    </scan:JobInfo>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${state}</pwg:State>
  <scan:AdfState>${adfState}</scan:AdfState>
  <scan:Jobs>${jobXml}
  </scan:Jobs>
</scan:ScannerStatus>
`;
}

/** One value from a ScanSettings document by local name, whatever its prefix. */
export function settingOf(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>\\s*([^<]*?)\\s*</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1];
}
