// What the verification report says of a file's unsigned extension (issue 20, helper "sigs").
// en.ts spreads it in.
export const enSigs = {
  coverTail: 'covers every structured part of the file; after it there is only an unsigned appended part',
  fileTail: '{bytes} bytes were appended after the end of the file that no signature protects (PDF readers ignore them). The signatures were checked on the signed part; for a clean copy, ask the sender for the original file.',
} as const;
