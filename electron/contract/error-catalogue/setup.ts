// The first start (CLI exit 2): the wizard's steps once the station is already set up.
import type { ErrorSpec } from './spec';

export const SETUP_ERRORS = {
  'setup-closed': {
    category: 'input',
    vi: 'Trạm đã có tài khoản quản trị nên không tạo tài khoản từ màn hình thiết lập ban đầu được nữa. Hãy đăng nhập; quản trị tạo thêm tài khoản trong Cài đặt → Tài khoản.',
    en: 'The station already has an administrator, so the first-start screen can no longer make accounts. Sign in; the administrator adds accounts under Settings → Accounts.',
  },
  'setup-incomplete': {
    category: 'input',
    vi: 'Trạm chưa có tài khoản quản trị nên chưa thể kết thúc thiết lập ban đầu. Tạo tài khoản quản trị ở bước “Quản trị” trước.',
    en: 'The station has no administrator yet, so the first start cannot be finished. Create the administrator at the “Administrator” step first.',
  },
} as const satisfies Record<string, ErrorSpec>;
