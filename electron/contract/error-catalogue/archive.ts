// Archive batches (CLI exit 2): a batch that is not there, a step out of turn, a QC pass by the
// person who did the indexing.
import type { ErrorSpec } from './spec';

export const ARCHIVE_ERRORS = {
  'archive-batch-not-found': {
    category: 'input',
    vi: 'Không tìm thấy lô số hóa “{id}”. Chọn lại lô trong danh sách lô.',
    en: 'No archive batch “{id}”. Pick the batch again from the list of batches.',
  },
  'archive-document-not-found': {
    category: 'input',
    vi: 'Tài liệu “{id}” không thuộc lô số hóa nào. Mở lại lô rồi chọn tài liệu trong lô.',
    en: 'Document “{id}” belongs to no archive batch. Open the batch again and pick the document from it.',
  },
  'archive-wrong-state': {
    category: 'input',
    vi: 'Tài liệu số {seq} của lô đang ở bước “{state_vi}”, không thể {action_vi}. Tải lại lô để xem trạng thái mới nhất.',
    en: 'Document {seq} of the batch is at the “{state}” step, so it cannot be {action}. Reload the batch to see where it is now.',
  },
  'archive-same-person': {
    category: 'input',
    vi: 'Người kiểm tra phải khác người đã nhập liệu tài liệu này. Nhờ một đồng nghiệp đăng nhập bằng tài khoản của họ để kiểm tra.',
    en: 'The check must be done by someone other than the person who indexed this document. Ask a colleague to sign in with their own account to check it.',
  },
  'archive-blank-pages': {
    category: 'input',
    vi: 'Tài liệu số {seq} có {count} trang trắng (trang {pages}). Xem lại các trang đó: trả lại để quét lại, hoặc đánh dấu “Giữ trang trắng” rồi duyệt.',
    en: 'Document {seq} has {count} blank page(s) (page {pages}). Look at them: send it back to be rescanned, or tick “Keep blank pages” and approve.',
  },
  'archive-scan-running': {
    category: 'input',
    vi: 'Lô “{name}” đang được quét. Chờ máy quét nạp hết giấy rồi mới quét tiếp.',
    en: 'Batch “{name}” is being scanned. Wait until the feeder is empty before scanning more into it.',
  },
} as const satisfies Record<string, ErrorSpec>;
