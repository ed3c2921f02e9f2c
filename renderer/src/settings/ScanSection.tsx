// What a new scan starts from on this station: the scanner (from those connected now), its paper
// source, the paper, the resolution (the rules' 200 dpi at least), the colour and the imaging
// profile (deskew, crop, clean-up: core/imaging/profiles.ts).
import { useState } from 'react';
import { type ColorMode, IMAGING_PROFILES, type ImagingProfileName, PRESET_NAMES, type PresetName, type Settings, type SourceKind } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { useDevices } from '../scan/useDevices';
import { Field, Section, described } from './Section';
import { type SettingsApi, useSectionSave } from './useSettings';
import { dpiProblem } from './validate';

const SOURCES = { flatbed: 'sourceFlatbed', feeder: 'sourceFeeder', 'feeder-duplex': 'sourceFeederDuplex' } as const;
const MODES = { color: 'modeColor', gray: 'modeGray', bw: 'modeBw' } as const;

const ignoreListError = () => undefined;

export function ScanSection({ settings, save, editable }: { settings: Settings; save: SettingsApi['save']; editable: boolean }) {
  const { t } = useI18n();
  const [d, setD] = useState(settings.scanDefaults);
  const [dpiText, setDpiText] = useState(String(settings.scanDefaults.dpi));
  const [problem, setProblem] = useState<ReturnType<typeof dpiProblem>>(null);
  const s = useSectionSave(save);
  // The station's list, kept current (devices.changed). Without a scanner (or a list that cannot
  // be read) the section still works: the default device is then left as it is.
  const { devices } = useDevices(ignoreListError);

  const submit = () => {
    const dpi = Number(dpiText);
    const found = dpiProblem(dpi);
    setProblem(found);
    if (!found) void s.submit({ scanDefaults: { ...d, dpi } });
  };
  const known = devices?.some((x) => x.id === d.device) ?? false;
  return (
    <Section title="setScanners" editable={editable} busy={s.busy} error={s.error} onDismissError={s.dismiss} saved={s.saved} onSubmit={submit}>
      <Field id="set-device" label="setDefaultDevice" hint={devices?.length === 0 ? 'noScanners' : undefined}>
        <select {...described('set-device', null, devices?.length === 0)} value={d.device ?? ''} onChange={(e) => setD({ ...d, device: e.target.value || null })}>
          <option value="">{t('setFirstDevice')}</option>
          {d.device && !known && <option value={d.device}>{t('setDeviceAbsent', { id: d.device })}</option>}
          {devices?.map((x) => (
            <option key={x.id} value={x.id}>
              {x.vendor} {x.model}
              {x.demo ? ` ${t('scannerDemo')}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-grid">
        <Field id="set-source" label="source">
          <select {...described('set-source', null)} value={d.source} onChange={(e) => setD({ ...d, source: e.target.value as SourceKind })}>
            {(Object.keys(SOURCES) as SourceKind[]).map((k) => (
              <option key={k} value={k}>
                {t(SOURCES[k])}
              </option>
            ))}
          </select>
        </Field>
        <Field id="set-preset" label="paper">
          <select {...described('set-preset', null)} value={d.preset} onChange={(e) => setD({ ...d, preset: e.target.value as PresetName })}>
            {PRESET_NAMES.map((p) => (
              <option key={p} value={p}>
                {p === 'id-card' ? t('paperIdCard') : p === 'auto' ? t('paperAuto') : p.toUpperCase()}
              </option>
            ))}
          </select>
        </Field>
        <Field id="set-dpi" label="resolution" problem={problem} hint="dpiHint">
          <input {...described('set-dpi', problem, true)} inputMode="numeric" value={dpiText} onChange={(e) => setDpiText(e.target.value.replace(/\D/g, ''))} />
        </Field>
        <Field id="set-mode" label="colorMode">
          <select {...described('set-mode', null)} value={d.mode} onChange={(e) => setD({ ...d, mode: e.target.value as ColorMode })}>
            {(Object.keys(MODES) as ColorMode[]).map((k) => (
              <option key={k} value={k}>
                {t(MODES[k])}
              </option>
            ))}
          </select>
        </Field>
        <Field id="set-profile" label="setProfile">
          <select {...described('set-profile', null)} value={d.profile ?? ''} onChange={(e) => setD({ ...d, profile: (e.target.value || null) as ImagingProfileName | null })}>
            <option value="">{t('setProfileOfPaper')}</option>
            {IMAGING_PROFILES.map((p) => (
              <option key={p} value={p}>
                {t(`setProfile_${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </Section>
  );
}
