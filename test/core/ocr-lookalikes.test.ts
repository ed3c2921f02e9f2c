// OCR look-alikes: tesseract's Vietnamese model writes Ð (U+00D0) for Đ, ð for đ or ổ, ÿ/Ÿ for
// ỹ/Ỹ, ö/Ö for ỗ/Ỗ; the words stored in the text layer carry the Vietnamese letters. Checked on
// the mapping itself, on tesseract's TSV, and on a page recognised by the real tesseract.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTsv, recognise } from '../../electron/core/ocr/tesseract';
import { vietnameseWord } from '../../electron/core/ocr/vietnamese-lookalikes';
import { lookalikePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('lookalikes');
afterAll(() => tmp.cleanup());

describe('Vietnamese look-alikes in OCR words', () => {
  it.each([
    ['Ðã', 'Đã'],
    ['ÐỘC', 'ĐỘC'],
    ['ÐƠN', 'ĐƠN'],
    ['ðăng', 'đăng'],
    ['ðược', 'được'],
    ['Ɖức', 'Đức'],
    ['tð', 'tổ'], // ổ read as eth: after a consonant it is the vowel
    ['ðn', 'ổn'],
    ['Ð', 'Đ'], // a lone Đ: "Hạng Đ"
    ['Ð,', 'Đ,'],
    ['ð', 'đ'], // "500.000 đ"
    ['ð/c', 'đ/c'],
    ['kÿ', 'kỹ'],
    ['MŸ', 'MỸ'],
    ['ÖI', 'ỖI'],
    ['tö', 'tỗ'],
    ['Đức', 'Đức'],
    ['Nguyễn', 'Nguyễn'],
    ['049080001234', '049080001234'],
  ])('%s → %s', (read, stored) => {
    expect(vietnameseWord(read)).toBe(stored);
  });

  it('composes decomposed input (NFC) before mapping', () => {
    expect(vietnameseWord('Nguye\u0302\u0303n')).toBe('Nguyễn');
  });

  it('the words and the text parsed from tesseract’s TSV carry Đ, not Ð', () => {
    const head = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
    const row = (word: number, text: string) => `5\t1\t1\t1\t1\t${word}\t${word * 100}\t10\t90\t20\t91.5\t${text}`;
    const parsed = parseTsv([head, '4\t1\t1\t1\t1\t0\t0\t10\t400\t20\t-1\t', row(1, 'Ðã'), row(2, 'ký:'), row(3, 'ðồng'), row(4, 'ý')].join('\n'));
    expect(parsed.words.map((w) => w.text)).toEqual(['Đã', 'ký:', 'đồng', 'ý']);
    expect(parsed.text).toBe('Đã ký: đồng ý');
  });

  it('a page read by the real tesseract: where it writes Ð, ÿ or ö, the stored words say Đ, ỹ, ỗ', async () => {
    // A lone Đ is what tesseract reads as Ð; a slightly blurred scan (150 dpi) turns ỗ into ö and
    // ỹ/ỷ into ÿ. Measured with Debian's tesseract and its vie model.
    const dpi = 150;
    const lines = ['Phân loại: Đ', 'Hạng Đ, mục Đ và mục A', 'Tổ dân phố số 4, kỹ thuật viên, ông Đỗ Văn Tỗ', 'ỐNG ỔN ỖI ỘT ỞỠ ỲỶỸỴ Ỳ Ý ÝÝ ỹ ỷ ỳ ý ồ ổ ỗ ộ'];
    const file = join(tmp.path, 'lookalikes.png');
    await lookalikePage(file, lines, dpi);
    // What tesseract itself says (so this test proves the mapping, not a lucky reading).
    const raw = execFileSync('tesseract', [file, '-', '-l', 'vie', '--dpi', String(dpi)], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    expect(raw).toMatch(/Ð/);
    expect(raw).toMatch(/[ÿŸöÖ]/);
    const result = await recognise(file, { dpi });
    expect(result.text).not.toMatch(/[ÐðƉÿŸöÖ]/);
    expect(result.text).toMatch(/Phân loại: Đ\nHạng Đ, mục Đ và mục A/);
    expect(result.words.map((w) => w.text)).toEqual(expect.arrayContaining(['Đ', 'Đ,']));
  });
});
