// Which folders browser mode may read and write (it has no file dialogs: a path typed in a browser
// tab is refused unless it lies inside one of these). The desktop app asks with the system's
// dialogs and does not use them. The administrator's.
import { useState } from 'react';
import type { Settings } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { Field, Section, described } from './Section';
import { type SettingsApi, useSectionSave } from './useSettings';
import { linesOf } from './validate';

export function FilesSection({ settings, save, editable }: { settings: Settings; save: SettingsApi['save']; editable: boolean }) {
  const { t } = useI18n();
  const [read, setRead] = useState(settings.readFolders.join('\n'));
  const [write, setWrite] = useState(settings.writeFolders.join('\n'));
  const s = useSectionSave(save);
  return (
    <Section title="setFiles" editable={editable} busy={s.busy} error={s.error} onDismissError={s.dismiss} saved={s.saved} onSubmit={() => void s.submit({ readFolders: linesOf(read), writeFolders: linesOf(write) })}>
      <p className="muted">{t('setFilesIntro')}</p>
      <Field id="set-read-folders" label="setReadFolders">
        <textarea {...described('set-read-folders', null)} rows={3} value={read} onChange={(e) => (setRead(e.target.value), s.edited())} placeholder="/home/mot-cua/Giay-to" spellCheck={false} />
      </Field>
      <Field id="set-write-folders" label="setWriteFolders">
        <textarea {...described('set-write-folders', null)} rows={3} value={write} onChange={(e) => (setWrite(e.target.value), s.edited())} placeholder="/home/mot-cua/Xuat" spellCheck={false} />
      </Field>
    </Section>
  );
}
