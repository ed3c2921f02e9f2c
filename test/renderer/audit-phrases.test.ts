// The audit log's details in words (renderer/src/supervisor/auditPhrases.ts), with the real
// dictionaries: every action the core records has a phrase in both languages; what a phrase does
// not say stays visible under its name; a field or action the station has no word for is shown
// as recorded, marked as such — never dropped, never raw JSON for plain values.
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../electron/contract';
import { en } from '../../renderer/src/i18n/en';
import type { MessageKey } from '../../renderer/src/i18n/vi';
import { vi } from '../../renderer/src/i18n/vi';
import { auditDetailView } from '../../renderer/src/supervisor/auditPhrases';

const translator = (dict: Readonly<Record<MessageKey, string>>) => (key: MessageKey, values: Readonly<Record<string, string | number>> = {}) =>
  dict[key].replace(/\{(\w+)\}/g, (whole, k: string) => (values[k] === undefined ? whole : String(values[k])));
const tVi = translator(vi);
const tEn = translator(en);

describe('audit details in words', () => {
  it('says a signature, a page move and a settings change as sentences, with Vietnamese numbers', () => {
    const sign = auditDetailView('sign', { signer: 'Nguyễn Văn An', serial: '1000', level: 'B-T', sha256: 'ab'.repeat(32), version: 2 }, tVi, 'vi');
    expect(sign.phrase).toBe('Ký số: Nguyễn Văn An, mức B-T, phiên bản 2');
    expect(sign.rest).toEqual([
      { key: 'serial', label: 'số hiệu chứng thư', known: true, value: '1000' },
      { key: 'sha256', label: 'SHA-256', known: true, value: 'abababababab…' },
    ]);
    expect(auditDetailView('update', { page: 'p-1', change: 'move', fromSeq: 3, toSeq: 1 }, tVi, 'vi')).toEqual({ phrase: 'Chuyển trang từ vị trí 3 sang vị trí 1', rest: [] });
    expect(auditDetailView('backup', { path: '/srv/sao-luu', files: 1200, bytes: 52_400_000, database: 'cd'.repeat(32) }, tVi, 'vi').phrase).toBe('Sao lưu vào /srv/sao-luu: 1.200 tệp, 52,4 MB');
    const settings = auditDetailView('settings-update', { changed: ['agencyName', 'signatureVisible', 'rateTargets'], values: { agencyName: 'UBND xã Hòa An', signatureVisible: false, rateTargets: { xa: 0.75 } } }, tEn, 'en');
    expect(settings).toEqual({ phrase: 'Settings changed: agency name = UBND xã Hòa An; signature shown on the page = no; rate targets', rest: [] });
  });

  it('keeps what it has no word for, labelled as recorded', () => {
    const view = auditDetailView('sign', { signer: 'An', level: 'B-B', version: 1, tokenSlot: 3 }, tVi, 'vi');
    expect(view.rest).toEqual([{ key: 'tokenSlot', label: 'tokenSlot', known: false, value: '3' }]);
    const unknown = auditDetailView('calibrate', { device: 'fujitsu:fi-7160', ok: true }, tEn, 'en');
    expect(unknown.phrase).toBeNull();
    expect(unknown.rest.map((r) => `${r.label}=${r.value}`)).toEqual(['device=fujitsu:fi-7160', 'ok=yes']);
  });

  it('has a phrase for every action the core records, in both languages', () => {
    for (const action of AUDIT_ACTIONS) {
      for (const [t, lang] of [[tVi, 'vi'], [tEn, 'en']] as const) {
        const phrase = auditDetailView(action, {}, t, lang).phrase;
        expect(phrase, `${action} (${lang})`).toBeTruthy();
        expect(phrase, `${action} (${lang})`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
