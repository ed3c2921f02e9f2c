// Every error message says what to do next, in both languages: after what went wrong (the first
// clause), some clause starts with an instruction — a verb from the lists below, which are the
// actions the station asks of a person. A message that only reports ("… was not imported",
// "it will be tried again") fails until it tells the reader what they can do. The lists are short
// on purpose: a new verb is a reviewed addition, not a pattern any sentence passes.
import { describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from '../../electron/contract';

const EN_ACTIONS = [
  'ask', 'check', 'choose', 'close', 'contact', 'correct', 'delete', 'do not', 'drag', 'enter', 'install', 'keep', 'lay', 'leave', 'list',
  'load', 'look', 'make', 'open', 'pick', 'plug', 'power-cycle', 'press', 'put', 'reconnect', 'reload', 'remove', 'renew', 'restore', 'run',
  'save', 'scan', 'see', 'send', 'set', 'sign', 'start', 'tell', 'try', 'type', 'update', 'use', 'wait', 'import', 'create',
];
const VI_ACTIONS = [
  'bấm', 'báo', 'cài', 'cắm', 'cập nhật', 'chạy', 'chọn', 'chờ', 'dùng', 'đặt', 'đóng', 'gia hạn', 'giữ', 'gõ', 'hãy', 'kéo', 'khôi phục',
  'không ký', 'kiểm tra', 'ký', 'liên hệ', 'lưu', 'mở', 'nhập', 'nhờ', 'quét', 'sửa', 'tải lại', 'tạo', 'tắt bật', 'thử', 'xem', 'xin', 'xóa',
];

/** The clauses of a message: split at sentence ends, semicolons, colons, commas and dashes. */
const clauses = (text: string) =>
  text
    .replace(/\{[^}]*\}/g, 'X') // a placeholder is a value, not words of the message
    .split(/(?<=[.;:,!?])\s+|\s+—\s+/)
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);

/** The clause after the first that starts with an action (also after "then"/"rồi", "or"/"hoặc"…). */
function advice(text: string, actions: readonly string[]): string | null {
  const lead = /^(?:then|or|and|if[^,]*|rồi|hoặc|và|nếu[^,]*)\s+/;
  for (const c of clauses(text).slice(1)) {
    const start = c.replace(lead, '');
    const verb = actions.find((a) => start === a || start.startsWith(`${a} `) || start.startsWith(`${a}:`) || start.startsWith(`${a}.`));
    if (verb) return verb;
  }
  return null;
}

describe('the error catalogue', () => {
  const codes = Object.keys(ERRORS) as ErrorCode[];

  it('says what to do next in every message, in Vietnamese and in English', () => {
    const vague = codes.flatMap((code) => {
      const { vi, en } = ERRORS[code];
      return [...(advice(vi, VI_ACTIONS) ? [] : [`${code} (vi): ${vi}`]), ...(advice(en, EN_ACTIONS) ? [] : [`${code} (en): ${en}`])];
    });
    expect(vague, 'messages with no instruction after what went wrong').toEqual([]);
  });

  it('is checked by a rule that a bare report fails', () => {
    // The rule itself: a statement of the problem alone, or an instruction only in the first clause, is not advice.
    expect(advice('Tệp PDF bị hỏng. Không nhập được.', VI_ACTIONS)).toBeNull();
    expect(advice('The file is damaged; it was not imported.', EN_ACTIONS)).toBeNull();
    expect(advice('Check the file.', EN_ACTIONS)).toBeNull();
    expect(advice('The scanner is busy. Wait a moment and try again.', EN_ACTIONS)).toBe('wait');
    expect(advice('Giấy bị kẹt — mở nắp khay nạp, gỡ giấy rồi bấm Tiếp tục.', VI_ACTIONS)).toBe('mở');
    expect(codes.length).toBeGreaterThan(80);
  });
});
