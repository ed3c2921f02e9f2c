// The refusal of a role, named in the reader's language (formatError prefers `<key>_vi`).
import type { Role } from '../../contract';
import { StationError } from '../errors';

export const ROLE_VI: Readonly<Record<Role, string>> = { officer: 'cán bộ một cửa', archivist: 'lưu trữ viên', supervisor: 'giám sát viên', admin: 'quản trị' };

export const forbidden = (role: Role, action: string): StationError => new StationError('forbidden', { role, role_vi: ROLE_VI[role], action });
