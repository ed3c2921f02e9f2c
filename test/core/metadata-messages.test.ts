// A refused metadata field reads in the language of the UI: our own validation messages carry a
// Vietnamese text, and every one of them says what to do next.
import { describe, expect, it } from 'vitest';
import { MetadataInput, SettingsUpdate, invalidInput } from '../../electron/contract';

function refusal(input: unknown) {
  const r = MetadataInput.safeParse(input);
  expect(r.success).toBe(false);
  return invalidInput(r.error!);
}

describe('metadata validation messages', () => {
  const cases: [string, unknown, string][] = [
    ['a date that does not exist', { issueDate: '2021-02-30' }, 'issueDate'],
    ['a date in another format', { issueDate: '30/02/2021' }, 'issueDate'],
    ['a malformed dossier code', { dossierCode: 'H12 250123 1' }, 'dossierCode'],
    ['a dossier code with no real date', { dossierCode: '000.00.01.H12-251345-0001' }, 'dossierCode'],
    ['an owner id of the wrong length', { ownerIdNumber: '12345' }, 'ownerIdNumber'],
    ['a personal id with no province', { ownerIdNumber: '999203004567' }, 'ownerIdNumber'],
    ['a tax code with a wrong check digit', { ownerIdNumber: '0100109107' }, 'ownerIdNumber'],
    ['valid-until before the issue date', { issueDate: '2021-05-01', validUntil: '2020-01-01' }, 'validUntil'],
    ['an issue date before 1945', { issueDate: '1900-01-01' }, 'issueDate'],
    ['a retention that is not a number of years', { retention: 'forever' }, 'retention'],
  ];

  for (const [name, input, field] of cases) {
    it(`${name}: Vietnamese detail in Vietnamese, English in English, both say what to do`, () => {
      const e = refusal(input);
      expect(e.details?.field).toBe(field);
      const vi = String(e.details?.detail_vi);
      const en = String(e.details?.detail);
      expect(vi).not.toBe(en);
      // Vietnamese text has Vietnamese letters; the English one has none.
      expect(vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i);
      expect(en).not.toMatch(/[ăâđêôơư]/i);
      // The next step follows a colon: check…, copy…, type…
      expect(en).toMatch(/: (check|copy|type)/);
      expect(vi).toMatch(/: (kiểm tra|chép|gõ|nhập|so)/);
      expect(e.message.vi).toContain(vi);
      expect(e.message.en).toContain(en);
    });
  }
});

describe('settings validation messages', () => {
  const cases: [string, unknown, string][] = [
    ['a unit code in another form', { unitCode: 'H12' }, 'unitCode'],
    ['a default under 200 dpi', { scanDefaults: { device: null, source: 'flatbed', preset: 'a4', dpi: 150, mode: 'color', profile: null } }, 'scanDefaults.dpi'],
    ['a token library that is not a full path', { pkcs11Modules: ['libtoken.so'] }, 'pkcs11Modules.0'],
  ];
  for (const [name, input, field] of cases) {
    it(`${name}: both languages, each with what to do`, () => {
      const r = SettingsUpdate.safeParse(input);
      expect(r.success).toBe(false);
      const e = invalidInput(r.error!);
      expect(String(e.details?.field)).toBe(field);
      const vi = String(e.details?.detail_vi);
      expect(vi).not.toBe(String(e.details?.detail));
      expect(vi).toMatch(/(: chép|hãy)/);
      expect(String(e.details?.detail)).toMatch(/: (copy|choose|give)|, or choose|^give/);
    });
  }
});
