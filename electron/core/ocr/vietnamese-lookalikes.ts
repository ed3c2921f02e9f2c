// Letters tesseract's Vietnamese model writes that Vietnamese does not have, mapped back to the
// Vietnamese letter they stand for, in every word stored in the text layer (search, copy, the
// invisible text of the PDF). Measured on pages rendered in eight fonts at 100–300 dpi, sharp and
// blurred: Đ comes out as Ð (U+00D0, Icelandic eth: the same glyph), đ and ổ as ð; ỹ/ỷ as ÿ,
// Ỹ/Ỷ as Ÿ; ỗ/Ỗ as ö/Ö (a stacked mark read as a diaeresis, which Vietnamese never uses).
//
// A lone Đ (a class, an abbreviation: "Hạng Đ", "đường Đ") is where tesseract writes Ð most:
// uppercase eth is always Đ. Lowercase eth is two letters in disguise, which Vietnamese syllables
// tell apart: đ begins a syllable and a vowel follows it, or stands alone ("500.000 đ", "đ/c");
// ổ is a vowel, next to a consonant ("tð" is "tổ", "ðn" is "ổn"; "ðã" is "đã").
const VOWELS = /[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

const PLAIN: Readonly<Record<string, string>> = {
  Ɖ: 'Đ', // U+0189, African D: the same glyph as Đ in other models
  ÿ: 'ỹ',
  Ÿ: 'Ỹ',
  ö: 'ỗ',
  Ö: 'Ỗ',
};

const ETH = /[Ðð]/g;
const OTHERS = new RegExp(`[${Object.keys(PLAIN).join('')}]`, 'g');

/** A recognised word in Vietnamese letters: NFC, look-alikes mapped. */
export function vietnameseWord(text: string): string {
  const nfc = text.normalize('NFC');
  if (!/[ÐðƉÿŸöÖ]/.test(nfc)) return nfc;
  return nfc
    .replace(ETH, (eth, at: number, word: string) => {
      if (eth === 'Ð') return 'Đ';
      const next = word[at + 1];
      const prev = word[at - 1];
      const letter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
      if (next !== undefined && VOWELS.test(next)) return 'đ';
      return letter(prev) || letter(next) ? 'ổ' : 'đ';
    })
    .replace(OTHERS, (c) => PLAIN[c] ?? c);
}
