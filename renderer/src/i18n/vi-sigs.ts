// What the verification report says of a file's unsigned extension (issue 20, helper "sigs").
// vi.ts spreads it in.
export const viSigs = {
  coverTail: 'bao trùm mọi phần có cấu trúc của tệp; phía sau chỉ có phần nối thêm không được ký',
  fileTail: 'Sau phần cuối của tệp có {bytes} byte nối thêm mà không chữ ký nào bảo vệ (trình đọc PDF bỏ qua chúng). Các chữ ký được kiểm tra trên phần đã ký; nếu cần bản sạch, xin người gửi gửi lại tệp gốc.',
} as const;
