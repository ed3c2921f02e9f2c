import { describe, expect, it } from 'vitest';
import { ERRORS, ERROR_AREAS, ERROR_CODES, METHOD_NAMES, MetadataInput, ScanRequest, SettingsUpdate, formatError, invalidInput, methods, ownerIdType, vietnamToday } from '../../electron/contract';

describe('contract', () => {
  it('every error code has a Vietnamese and an English message that differ', () => {
    for (const code of ERROR_CODES) {
      const spec = ERRORS[code];
      expect(spec.vi.length, code).toBeGreaterThan(10);
      expect(spec.en.length, code).toBeGreaterThan(10);
      expect(spec.vi, code).not.toBe(spec.en);
    }
  });

  it('has each error code in one area of the catalogue only (a second would silently replace the first)', () => {
    const all = ERROR_AREAS.flatMap((area) => Object.keys(area));
    expect(all.length).toBe(new Set(all).size);
    expect(all.length).toBe(ERROR_CODES.length);
  });

  it('fills placeholders, preferring a Vietnamese detail in the Vietnamese message', () => {
    const e = formatError('invalid-setting', { detail: 'too large', detail_vi: 'quá lớn' });
    expect(e.message.en).toContain('too large');
    expect(e.message.vi).toContain('quá lớn');
    expect(e.message.vi).not.toContain('{');
  });

  it('a settings change carries only the settings it names (no defaults that would reset the others)', () => {
    expect(SettingsUpdate.parse({ tsaUrl: 'http://tsa.example.vn/' })).toEqual({ tsaUrl: 'http://tsa.example.vn/' });
    expect(SettingsUpdate.safeParse({ trustStore: 'not a list' }).success).toBe(false);
    expect(SettingsUpdate.safeParse({ unknown: 1 }).success).toBe(false);
  });

  it('the method table matches the zod-free method names used by the preload', () => {
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('turns a failed parse into invalid-input naming the field, in both languages', () => {
    const r = ScanRequest.safeParse({ device: 'sane:test:0', dpi: 0 });
    expect(r.success).toBe(false);
    const e = invalidInput(r.error!);
    expect(e.code).toBe('invalid-input');
    expect(e.details?.field).toBe('dpi');
    expect(e.message.en).toMatch(/dpi: Too small/);
    expect(e.message.vi).toMatch(/dpi: Quá nhỏ/);
  });

  it('validates dossier codes, owner ids and dates', () => {
    expect(MetadataInput.safeParse({ dossierCode: '000.00.01.H12-250123-0001' }).success).toBe(true);
    expect(MetadataInput.safeParse({ dossierCode: '000.00.01.H12-251345-0001' }).success).toBe(false); // no 45th of month 13
    expect(MetadataInput.safeParse({ dossierCode: 'H12 250123 1' }).success).toBe(false);
    expect(MetadataInput.safeParse({ ownerIdNumber: '001203004567' }).success).toBe(true);
    expect(ownerIdType('001203004567')).toBe('citizen');
    expect(ownerIdType('0101234567-001')).toBe('organisation');
    expect(MetadataInput.safeParse({ ownerIdNumber: '12345' }).success).toBe(false);
    expect(MetadataInput.safeParse({ issueDate: '2021-02-30' }).success).toBe(false);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(MetadataInput.safeParse({ issueDate: tomorrow }).success).toBe(false);
    expect(MetadataInput.safeParse({ issueDate: vietnamToday(), validUntil: 'permanent' }).success).toBe(true);
    const r = MetadataInput.safeParse({ issueDate: '2021-05-01', validUntil: '2020-01-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['validUntil']);
  });

  it('refuses unknown members instead of ignoring them', () => {
    expect(ScanRequest.safeParse({ device: 'sane:test:0', resolution: 300 }).success).toBe(false);
  });
});
