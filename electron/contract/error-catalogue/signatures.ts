// Signing and verification (CLI exit 4), and the audit chain.
import type { ErrorSpec } from './spec';

export const SIGNATURE_ERRORS = {
  // Signing and verification (CLI exit 4)
  'certificate-expired': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” đã hết hạn ngày {notAfter}. Hãy gia hạn chứng thư với tổ chức cung cấp dịch vụ chứng thực.',
    en: 'The certificate “{subject}” expired on {notAfter}. Renew it with the certification service provider.',
  },
  'certificate-not-yet-valid': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” chỉ có hiệu lực từ {notBefore}. Kiểm tra đồng hồ máy tính hoặc chờ đến ngày đó.',
    en: 'The certificate “{subject}” is valid only from {notBefore}. Check the computer’s clock or wait until then.',
  },
  'certificate-revoked': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” (số hiệu {serial}) đã bị thu hồi. Không ký bằng chứng thư này; liên hệ tổ chức cung cấp dịch vụ chứng thực.',
    en: 'The certificate “{subject}” (serial {serial}) has been revoked. Do not sign with it; contact the certification service provider.',
  },
  'certificate-usage': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” không được phép dùng để ký (thiếu mục đích ký số). Chọn chứng thư ký số khác.',
    en: 'The certificate “{subject}” is not allowed to sign (no signing key usage). Choose a signing certificate.',
  },
  'pin-incorrect': {
    category: 'signature',
    vi: 'Mã PIN không đúng ({tries}). Nhập lại cẩn thận; nhập sai nhiều lần sẽ khóa thiết bị ký số.',
    en: 'Wrong PIN ({tries}). Type it again carefully; too many wrong PINs lock the token.',
  },
  'pin-locked': {
    category: 'signature',
    vi: 'Thiết bị ký số “{token}” đã bị khóa PIN. Liên hệ tổ chức cung cấp dịch vụ chứng thực để mở khóa.',
    en: 'The token “{token}” is PIN-locked. Contact the certification service provider to unlock it.',
  },
  'token-not-found': {
    category: 'signature',
    vi: 'Không tìm thấy thiết bị ký số{token}. Cắm thiết bị (USB token) rồi thử lại.',
    en: 'No signing token{token} was found. Plug in the USB token and try again.',
  },
  'token-library': {
    category: 'signature',
    vi: 'Không nạp được thư viện thiết bị ký số “{module}” ({detail}). Cài phần mềm của thiết bị ký số, hoặc chỉ đúng đường dẫn thư viện PKCS#11 trong Cài đặt.',
    en: 'The signing token’s library “{module}” could not be loaded ({detail}). Install the token’s software, or set the right PKCS#11 library path in Settings.',
  },
  'trust-unreadable': {
    category: 'input',
    vi: 'Không đọc được chứng thư tin cậy “{path}” ({detail}). Dùng tệp PEM hoặc DER của tổ chức chứng thực.',
    en: 'Cannot read the trusted certificate “{path}” ({detail}). Use the authority’s PEM or DER file.',
  },
  'key-not-found': {
    category: 'signature',
    vi: 'Không tìm thấy khóa bí mật và chứng thư ký số trên {where}. Kiểm tra thiết bị hoặc tệp chứng thư.',
    en: 'No private key with its certificate was found in {where}. Check the token or the certificate file.',
  },
  'key-unsupported': {
    category: 'signature',
    vi: 'Khóa ký số trong {where} thuộc loại không dùng được để ký ({kind}). Hãy dùng khóa RSA hoặc ECDSA (P-256, P-384, P-521) do tổ chức cung cấp dịch vụ chứng thực cấp.',
    en: 'The signing key in {where} is of a kind that cannot sign here ({kind}). Use an RSA or ECDSA (P-256, P-384, P-521) key issued by a certification service provider.',
  },
  'p12-password': {
    category: 'signature',
    vi: 'Mật khẩu của tệp chứng thư “{file}” không đúng, hoặc tệp bị hỏng. Nhập lại mật khẩu.',
    en: 'The password of the certificate file “{file}” is wrong, or the file is damaged. Type the password again.',
  },
  'signature-no-room': {
    category: 'signature',
    vi: 'Trang 1 không còn chỗ trống nào cho ô chữ ký mà không che nội dung hay chữ ký trước, và tài liệu đã ký thì không thể thêm lề. Ký ở chế độ chữ ký ẩn (không hiển thị), hoặc chọn góc khác.',
    en: 'Page 1 has no blank place left for the signature box that would not cover the content or an earlier signature, and a signed document cannot be given a margin. Sign with an invisible signature, or choose another corner.',
  },
  'signing-failed': {
    category: 'signature',
    vi: 'Ký số không thành công: {detail}. Tài liệu không thay đổi; thử lại.',
    en: 'Signing failed: {detail}. The document was not changed; try again.',
  },
  'tsa-failed': {
    category: 'signature',
    vi: 'Không lấy được dấu thời gian từ {url}: {detail}. Kiểm tra kết nối mạng, hoặc ký ở mức B-B (không dấu thời gian).',
    en: 'No timestamp from {url}: {detail}. Check the network, or sign at level B-B (no timestamp).',
  },
  'audit-broken': {
    category: 'signature',
    vi: 'Nhật ký kiểm toán đã bị sửa, chèn hoặc xóa ở các dòng {rows}. Giữ nguyên dữ liệu và báo cho quản trị.',
    en: 'The audit log was edited, inserted into or cut at rows {rows}. Keep the data as it is and tell the administrator.',
  },
  'signature-unconfirmed': {
    category: 'signature',
    vi: 'Có {count} chữ ký trong tệp “{file}” còn nguyên vẹn nhưng chưa xác thực được người ký (tổ chức chứng thực chưa được tin cậy, hoặc chưa kiểm tra được việc thu hồi). Thêm chứng thư gốc của tổ chức chứng thực vào danh sách tin cậy (hoặc --trust), kiểm tra kết nối mạng; chỉ chấp nhận khi đã biết người ký thì dùng --allow-untrusted.',
    en: '{count} signature(s) in “{file}” are intact but their signer cannot be confirmed (an authority not trusted, or revocation not checked). Add the authority’s root certificate to the trusted list (or --trust) and check the network; to accept a signer you know, use --allow-untrusted.',
  },
  'no-signature': {
    category: 'signature',
    vi: 'Tệp “{file}” không có chữ ký số nào. Xin người gửi bản đã ký, hoặc ký tệp trước khi dùng.',
    en: 'The file “{file}” carries no digital signature. Ask the sender for the signed copy, or sign the file before relying on it.',
  },
  'signature-invalid': {
    category: 'signature',
    vi: 'Có {count} chữ ký không hợp lệ trong tệp “{file}”. Xem chi tiết từng chữ ký; không dùng bản này.',
    en: '{count} signature(s) in “{file}” do not verify. See each signature’s details; do not rely on this copy.',
  },
} as const satisfies Record<string, ErrorSpec>;
