// Sync with the provincial store (CLI exit 5), text recognition, the local store, backup and restore, the browser bridge, and the unexpected.
import type { ErrorSpec } from './spec';

export const STORE_AND_SYNC_ERRORS = {
  // Sync with the provincial store (CLI exit 5)
  'sync-not-configured': {
    category: 'sync',
    vi: 'Chưa cấu hình kho dữ liệu tỉnh (địa chỉ, mã trạm và khóa bí mật). Nhờ quản trị nhập trong Cài đặt → Kho dữ liệu tỉnh.',
    en: 'The provincial store is not configured (address, station id and secret). Ask an administrator to enter them in Settings → Provincial store.',
    cli: { vi: 'Dòng lệnh: hoặc đặt SOHOA_SYNC_URL, SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET.', en: 'Command line: or set SOHOA_SYNC_URL, SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET.' },
  },
  'sync-offline': {
    category: 'sync',
    vi: 'Không kết nối được kho dữ liệu tỉnh {url} ({detail}). Tài liệu vẫn an toàn trên trạm và trạm sẽ tự thử lại; kiểm tra mạng nếu lỗi kéo dài.',
    en: 'Cannot reach the provincial store {url} ({detail}). The documents are safe on this station and it will try again by itself; check the network if this lasts.',
  },
  'sync-credentials': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh từ chối thông tin xác thực của trạm ({detail}). Kiểm tra mã trạm và khóa bí mật với quản trị của tỉnh; việc gửi tạm dừng đến khi sửa.',
    en: 'The provincial store refused this station’s credentials ({detail}). Check the station id and secret with the province’s administrator; sending is paused until they are corrected.',
  },
  'sync-tls': {
    category: 'sync',
    vi: 'Kết nối bảo mật tới kho dữ liệu tỉnh thất bại ({detail}). Kiểm tra chứng thư CA đã ghim và đồng hồ của máy tính.',
    en: 'The secure connection to the provincial store failed ({detail}). Check the pinned CA certificate and the computer’s clock.',
  },
  'sync-server': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh trả lời lỗi {status} ({detail}). Trạm sẽ tự thử lại; nếu lỗi lặp lại, báo quản trị của tỉnh.',
    en: 'The provincial store answered with an error {status} ({detail}). It will be tried again; if it persists, tell the province’s administrator.',
  },
  'sync-garbage': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh trả lời không đọc được ({detail}). Sẽ tự thử lại; nếu lặp lại, báo quản trị của tỉnh.',
    en: 'The provincial store answered something unreadable ({detail}). It will be tried again; if it persists, tell the province’s administrator.',
  },
  'sync-rejected': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh không nhận tài liệu {id}: {detail} ({reason}). Kiểm tra tài liệu theo lý do trên rồi bấm Thử lại.',
    en: 'The provincial store did not accept document {id}: {detail} ({reason}). Check the document against that reason, then press Retry.',
  },
  'sync-conflict': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh đã có phiên bản {version} của tài liệu {id} với nội dung khác. Không ghi đè; báo quản trị của tỉnh.',
    en: 'The provincial store already holds version {version} of document {id} with other content. Nothing was overwritten; tell the province’s administrator.',
  },
  'sync-receipt-mismatch': {
    category: 'sync',
    vi: 'Biên nhận của kho dữ liệu tỉnh cho tài liệu {id} có mã SHA-256 khác với bản trên trạm. Chưa coi là đã gửi, trạm sẽ gửi lại; nếu lặp lại, báo quản trị của tỉnh.',
    en: 'The provincial store’s receipt for document {id} carries another SHA-256 than this station’s copy. It is not counted as sent and will be sent again; if this repeats, tell the province’s administrator.',
  },

  'sync-insecure-url': {
    category: 'sync',
    vi: 'Địa chỉ kho dữ liệu tỉnh {url} không dùng https. Trạm chỉ gửi tài liệu, khóa bí mật và mã truy cập qua https (http chỉ dùng cho chính máy này: localhost, 127.0.0.1, ::1). Không gửi gì; nhập địa chỉ https:// do tỉnh cấp trong Cài đặt → Kho dữ liệu tỉnh.',
    en: 'The provincial store address {url} does not use https. The station sends records, its secret and its access token over https only (plain http only to this computer: localhost, 127.0.0.1, ::1). Nothing was sent; enter the https:// address the province gave in Settings → Provincial store.',
    cli: { vi: 'Dòng lệnh: hoặc sửa SOHOA_SYNC_URL.', en: 'Command line: or correct SOHOA_SYNC_URL.' },
  },
  'sync-foreign-origin': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh {url} chuyển trạm sang {location}. Trạm chỉ làm việc với đúng địa chỉ đã cấu hình: không đi theo và không gửi mã truy cập tới đó; việc gửi tạm dừng. Nếu kho đã đổi địa chỉ, nhập địa chỉ mới cùng khóa bí mật trong Cài đặt; nếu không, báo quản trị của tỉnh.',
    en: 'The provincial store {url} sent the station on to {location}. The station works with the configured address only: it did not follow, nor send its access token there; sending is paused. If the store has moved, enter its new address with the secret in Settings; otherwise tell the province’s administrator.',
  },
  'sync-secret-needed': {
    category: 'input',
    vi: 'Địa chỉ kho dữ liệu tỉnh đổi sang {url}: cần nhập lại khóa bí mật của trạm (client secret), vì khóa cũ không bao giờ được gửi tới một địa chỉ khác. Chưa thay đổi gì; nhập khóa bí mật cùng địa chỉ mới rồi lưu lại.',
    en: 'The provincial store address changes to {url}: enter the station’s client secret again, since the old one is never sent to another address. Nothing was changed; enter the secret with the new address and save again.',
  },

  // Text recognition (the document itself is saved; only its text layer is missing)
  'ocr-unavailable': {
    category: 'internal',
    vi: 'Không nhận dạng được chữ: {detail}. Tài liệu vẫn được lưu, chưa có lớp chữ; cài gói tesseract-ocr-vie rồi chạy lại.',
    en: 'Text recognition is not available: {detail}. The document is saved without a text layer; install tesseract-ocr-vie and run it again.',
  },
  'ocr-failed': {
    category: 'internal',
    vi: 'Nhận dạng chữ thất bại ({detail}). Tài liệu vẫn được lưu, chưa có lớp chữ, vẫn ký và gửi được; nếu cần tìm theo nội dung, quét lại bản rõ hơn (300 dpi).',
    en: 'Text recognition failed ({detail}). The document is saved without a text layer and can still be signed and sent; if its text must be searchable, scan a clearer copy (300 dpi).',
  },

  // The local store
  'store-newer': {
    category: 'store',
    vi: 'Dữ liệu tại “{path}” do phiên bản mới hơn tạo ra (lược đồ {found}, phiên bản này hỗ trợ đến {supported}). Hãy cập nhật Trạm Số hóa; dữ liệu không bị thay đổi.',
    en: 'The data at “{path}” was written by a newer version (schema {found}; this version supports up to {supported}). Update SoHoa Station; the data was not changed.',
  },
  'store-not-ours': {
    category: 'store',
    vi: 'Tệp “{path}” không phải cơ sở dữ liệu của Trạm Số hóa. Không mở và không ghi đè; chọn thư mục dữ liệu khác.',
    en: 'The file “{path}” is not a SoHoa Station database. It was neither opened nor overwritten; choose another data folder.',
  },
  'file-corrupt': {
    category: 'store',
    vi: 'Tệp lưu trữ “{path}” không còn khớp mã SHA-256 của nó ({detail}). Không gửi và không dùng tệp này; khôi phục từ bản sao lưu gần nhất.',
    en: 'The stored file “{path}” no longer matches its SHA-256 ({detail}). It was neither sent nor used; restore it from the latest backup.',
  },
  'store-corrupt': {
    category: 'store',
    vi: 'Cơ sở dữ liệu “{path}” bị hỏng ({detail}). Không ghi đè; khôi phục từ bản sao lưu gần nhất.',
    en: 'The database “{path}” is damaged ({detail}). It was not overwritten; restore the latest backup.',
  },
  'store-io': {
    category: 'store',
    vi: 'Không ghi được vào thư mục dữ liệu: {detail}. Kiểm tra dung lượng đĩa và quyền ghi.',
    en: 'Cannot write to the data folder: {detail}. Check free disk space and write permission.',
  },

  // Backup and restore (CLI exit 2: the backup or the target folder given is not usable)
  'backup-incomplete': {
    category: 'input',
    vi: 'Thư mục “{path}” không phải một bản sao lưu hoàn chỉnh (không có manifest.json): lần sao lưu đó có thể đã bị ngắt giữa chừng. Chọn thư mục sohoa-backup-… của một lần sao lưu đã xong; dữ liệu hiện tại không bị thay đổi.',
    en: 'The folder “{path}” is not a complete backup (it has no manifest.json): that backup may have been interrupted. Choose the sohoa-backup-… folder of a backup that finished; the current data was not changed.',
  },
  'backup-in-outer-folder': {
    category: 'input',
    vi: 'Thư mục “{path}” là nơi chứa bản sao lưu, không phải chính bản sao lưu: chọn thư mục bên trong nó, “{backup}”. Chưa có gì thay đổi.',
    en: 'The folder “{path}” holds a backup but is not one itself: choose the folder inside it, “{backup}”. Nothing was changed.',
  },
  'backups-in-outer-folder': {
    category: 'input',
    vi: 'Thư mục “{path}” chứa {count} bản sao lưu, không phải chính một bản sao lưu: chọn một thư mục sohoa-backup-… bên trong nó, ví dụ bản mới nhất “{newest}”. Chưa có gì thay đổi.',
    en: 'The folder “{path}” holds {count} backups and is not one itself: choose one sohoa-backup-… folder inside it, for example the newest, “{newest}”. Nothing was changed.',
  },
  'backup-corrupt': {
    category: 'input',
    vi: 'Bản sao lưu “{path}” bị hỏng hoặc đã bị sửa: {detail}. Không khôi phục gì, dữ liệu hiện tại giữ nguyên; dùng một bản sao lưu khác.',
    en: 'The backup “{path}” is damaged or was altered: {detail}. Nothing was restored and the current data is unchanged; use another backup.',
  },
  'restore-target-exists': {
    category: 'input',
    vi: 'Thư mục dữ liệu “{path}” đã có dữ liệu. Để thay bằng bản sao lưu, chạy lại với --force: dữ liệu cũ sẽ được chuyển sang một thư mục bên cạnh, không bị xóa.',
    en: 'The data folder “{path}” already holds data. To replace it with the backup, run again with --force: the old data will be moved to a folder beside it, not deleted.',
  },
  'restore-target-in-use': {
    category: 'input',
    vi: 'Thư mục dữ liệu “{path}” đang được dùng (tiến trình {pids}). Đóng ứng dụng Trạm Số hóa và các lệnh sohoa đang chạy rồi khôi phục lại; chưa có gì thay đổi.',
    en: 'The data folder “{path}” is in use (process {pids}). Close SoHoa Station and any running sohoa command, then restore again; nothing was changed.',
  },

  'station-key-wrong': {
    category: 'input',
    vi: 'Cụm mật khẩu của trạm không đúng nên không mở được dữ liệu đã mã hóa. Kiểm tra SOHOA_STATION_PASSPHRASE.',
    en: 'The station passphrase is wrong, so the encrypted data cannot be opened. Check SOHOA_STATION_PASSPHRASE.',
  },
  'station-key-needed': {
    category: 'input',
    vi: 'Dữ liệu của trạm được mã hóa và chỉ mở được bằng: {ways}. Đặt cụm mật khẩu của trạm vào biến SOHOA_STATION_PASSPHRASE hoặc mở bằng ứng dụng.',
    en: 'The station’s data is encrypted and opens only with: {ways}. Put the station passphrase in SOHOA_STATION_PASSPHRASE, or open it in the app.',
  },
  // Issue 15: a key beside the data is for development only, and only when asked for.
  'station-key-no-source': {
    category: 'input',
    vi: 'Không có nơi an toàn để giữ khóa của trạm: máy này không có kho khóa (keychain) của hệ điều hành và chưa đặt SOHOA_STATION_PASSPHRASE, nên trạm không được mở. Đặt cụm mật khẩu của trạm vào SOHOA_STATION_PASSPHRASE; chỉ trên máy phát triển mới đặt SOHOA_DEV_KEY_FILE=1 để giữ khóa trong tệp station.key cạnh dữ liệu.',
    en: 'There is no safe place for the station key: this computer has no OS keychain and SOHOA_STATION_PASSPHRASE is not set, so the station was not opened. Set the station passphrase in SOHOA_STATION_PASSPHRASE; only on a developer’s machine, set SOHOA_DEV_KEY_FILE=1 to keep the key in station.key beside the data.',
  },
  'blob-not-sealed': {
    category: 'store',
    vi: 'Tệp lưu trữ “{path}” không được mã hóa, trong khi trạm mã hóa mọi tệp: tệp đã bị đặt vào từ bên ngoài. Không đọc và không dùng tệp này; khôi phục từ bản sao lưu gần nhất.',
    en: 'The stored file “{path}” is not encrypted, yet this station encrypts every file: it was put there from outside. It was neither read nor used; restore it from the latest backup.',
  },
  'sealed-value-refused': {
    category: 'store',
    vi: 'Một giá trị đã mã hóa ở {table}.{column} (dòng {row}) không mở được tại chỗ này: nó đã bị chép từ dòng hoặc cột khác, hoặc bị hỏng. Không hiển thị giá trị đó; khôi phục từ bản sao lưu gần nhất.',
    en: 'A sealed value in {table}.{column} (row {row}) does not open in this place: it was copied from another row or column, or damaged. It was not shown; restore the latest backup.',
  },

  // Browser-mode bridge
  unauthorized: {
    category: 'input',
    vi: 'Phiên làm việc không hợp lệ. Mở lại địa chỉ mà lệnh “sohoa serve” đã in ra.',
    en: 'This session is not valid. Open the address that “sohoa serve” printed.',
  },

  internal: {
    category: 'internal',
    vi: 'Lỗi ngoài dự kiến: {detail}. Chi tiết đã ghi vào nhật ký {log}; hãy gửi tệp này cho bộ phận hỗ trợ.',
    en: 'Unexpected error: {detail}. The details are in the log {log}; send that file to support.',
  },
} as const satisfies Record<string, ErrorSpec>;
