// Cameras as devices (issue 19): what a photo from a camera is refused for, and what the camera
// itself can do wrong in the renderer (the screen shows these too, from the same catalogue).
import type { ErrorSpec } from './spec';

export const CAMERA_CAPTURE_ERRORS = {
  'camera-photo-not-jpeg': {
    category: 'input',
    vi: 'Ảnh nhận từ máy ảnh không phải ảnh JPEG đọc được ({detail}). Bấm phím cách để chụp lại trang này; các trang đã chụp vẫn được giữ.',
    en: 'What came from the camera is not a readable JPEG photo ({detail}). Press Space to take this page again; the pages already taken are kept.',
  },
  'camera-photo-too-large': {
    category: 'input',
    vi: 'Ảnh chụp quá lớn ({megabytes} MB, tối đa {limit} MB). Chọn độ phân giải thấp hơn cho máy ảnh rồi chụp lại.',
    en: 'The photo is too large ({megabytes} MB, at most {limit} MB). Choose a lower resolution for the camera, then take it again.',
  },
  'camera-photo-too-small': {
    category: 'input',
    vi: 'Ảnh chụp chỉ có {width} × {height} điểm ảnh, quá nhỏ để đọc được giấy tờ (tối thiểu {min} điểm ảnh mỗi cạnh). Chọn độ phân giải cao hơn cho máy ảnh rồi chụp lại.',
    en: 'The photo is only {width} × {height} pixels, too small to read a paper (at least {min} pixels a side). Choose a higher resolution for the camera, then take it again.',
  },
  'camera-disconnected': {
    category: 'device',
    vi: 'Máy ảnh “{camera}” đã ngừng gửi hình (bị rút ra hoặc tắt). {pages} trang đã chụp vẫn ở trong tài liệu nháp. Cắm lại máy ảnh rồi bấm “Mở lại máy ảnh” để chụp tiếp.',
    en: 'The camera “{camera}” stopped sending pictures (unplugged or switched off). The {pages} page(s) already taken are still in the draft. Plug the camera in again, then press “Open the camera again” and go on.',
  },
  'camera-unavailable': {
    category: 'device',
    vi: 'Không mở được máy ảnh “{camera}” ({detail}). Cho phép trình duyệt dùng máy ảnh, đóng chương trình khác đang dùng nó, rồi chọn lại máy ảnh.',
    en: 'The camera “{camera}” cannot be opened ({detail}). Allow the browser to use the camera, close any other program using it, then choose the camera again.',
  },
} as const satisfies Record<string, ErrorSpec>;
