// The indexing form's fields as people type and read them (renderer/src/archive/fields.ts): dates
// dd/mm/yyyy in, ISO kept; "vĩnh viễn" for permanent in either language; a date that is not one
// kept as typed (nothing typed is lost) and said in words; retention periods in words.
import { describe, expect, it } from 'vitest';
import { keptValue, notADate, retentionText, shownValue } from '../../renderer/src/archive/fields';
import { en } from '../../renderer/src/i18n/en';
import { type MessageKey, vi } from '../../renderer/src/i18n/vi';

const tOf = (dict: Readonly<Record<MessageKey, string>>) => (key: MessageKey, values: Readonly<Record<string, string | number>> = {}) =>
  dict[key].replace(/\{(\w+)\}/g, (whole, k: string) => (values[k] === undefined ? whole : String(values[k])));
const tVi = tOf(vi);
const tEn = tOf(en);

describe('dates in the indexing form', () => {
  it('keeps a date typed dd/mm/yyyy as ISO and shows it back as typed', () => {
    expect(keptValue('issueDate', '15/03/2019')).toBe('2019-03-15');
    expect(keptValue('issueDate', '5/3/2019')).toBe('2019-03-05');
    expect(shownValue('issueDate', '2019-03-15', tVi)).toBe('15/03/2019');
    expect(keptValue('validUntil', '31/12/2030')).toBe('2030-12-31');
  });

  it('keeps what is not a date as typed, and says so in the reader’s words', () => {
    expect(keptValue('issueDate', '30/02/2019')).toBe('30/02/2019');
    expect(notADate('issueDate', '30/02/2019', tVi)).toBe('Ngày cấp: “30/02/2019” không phải một ngày có thật — gõ ngày/tháng/năm, ví dụ 15/03/2019');
    expect(notADate('issueDate', '15/3/19', tEn)).toMatch(/^Issue date: “15\/3\/19” is not a real date/);
    expect(notADate('issueDate', '15/03/2019', tVi)).toBeNull();
    expect(notADate('issueDate', '  ', tVi)).toBeNull();
    expect(notADate('title', 'anything', tVi)).toBeNull();
  });

  it('reads "vĩnh viễn" (or permanent) as the permanent validity, and shows it in words', () => {
    for (const typed of ['vĩnh viễn', 'Vĩnh viễn', 'vinh vien', 'permanent']) expect(keptValue('validUntil', typed)).toBe('permanent');
    expect(keptValue('issueDate', 'vĩnh viễn')).toBe('vĩnh viễn'); // an issue date is never permanent
    expect(shownValue('validUntil', 'permanent', tVi)).toBe('vĩnh viễn');
    expect(shownValue('validUntil', 'permanent', tEn)).toBe('permanent');
    expect(notADate('validUntil', 'vĩnh viễn', tVi)).toBeNull();
  });
});

describe('retention periods', () => {
  it('are words, not the stored codes', () => {
    expect(retentionText('permanent', tVi)).toBe('vĩnh viễn');
    expect(retentionText('10', tVi)).toBe('10 năm');
    expect(retentionText('70', tEn)).toBe('70 years');
    expect(shownValue('retention', '20', tVi)).toBe('20 năm');
  });
});
