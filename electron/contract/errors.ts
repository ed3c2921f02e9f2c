// Every error the station can report: a stable code, what kind of failure it is (the CLI's exit
// status follows from it), and a message in Vietnamese and English that says what to do next.
// Messages take {placeholders} filled from the error's details. The catalogue is kept by area in
// error-catalogue/; codes are unique across it (a test checks).
import { z } from 'zod';
import { ACCESS_ERRORS } from './error-catalogue/access';
import { ARCHIVE_ERRORS } from './error-catalogue/archive';
import { CAMERA_ERRORS } from './error-catalogue/camera';
import { CAMERA_CAPTURE_ERRORS } from './error-catalogue/camera-capture';
import { DEVICE_ERRORS } from './error-catalogue/devices';
import { IMPORT_ERRORS } from './error-catalogue/imports';
import { INPUT_ERRORS } from './error-catalogue/input';
import { INTAKE_ERRORS } from './error-catalogue/intake';
import { SETUP_ERRORS } from './error-catalogue/setup';
import { SIGNATURE_ERRORS } from './error-catalogue/signatures';
import type { ErrorCategory, ErrorSpec } from './error-catalogue/spec';
import { STITCH_ASSEMBLE_ERRORS } from './error-catalogue/stitch-assemble';
import { STITCH_COMPOSE_ERRORS } from './error-catalogue/stitch-compose';
import { STITCH_PLAN_ERRORS } from './error-catalogue/stitch-plan';
import { STITCH_REGISTER_ERRORS } from './error-catalogue/stitch-register';
import { STORE_AND_SYNC_ERRORS } from './error-catalogue/store-and-sync';

export type { ErrorCategory };

/** The catalogue's parts, by area; ERRORS is all of them. */
export const ERROR_AREAS = [INPUT_ERRORS, IMPORT_ERRORS, DEVICE_ERRORS, SIGNATURE_ERRORS, STORE_AND_SYNC_ERRORS, INTAKE_ERRORS, ARCHIVE_ERRORS, ACCESS_ERRORS, SETUP_ERRORS, STITCH_PLAN_ERRORS, STITCH_REGISTER_ERRORS, STITCH_COMPOSE_ERRORS, STITCH_ASSEMBLE_ERRORS, CAMERA_ERRORS, CAMERA_CAPTURE_ERRORS] as const;
export const ERRORS = { ...INPUT_ERRORS, ...IMPORT_ERRORS, ...DEVICE_ERRORS, ...SIGNATURE_ERRORS, ...STORE_AND_SYNC_ERRORS, ...INTAKE_ERRORS, ...ARCHIVE_ERRORS, ...ACCESS_ERRORS, ...SETUP_ERRORS, ...STITCH_PLAN_ERRORS, ...STITCH_REGISTER_ERRORS, ...STITCH_COMPOSE_ERRORS, ...STITCH_ASSEMBLE_ERRORS, ...CAMERA_ERRORS, ...CAMERA_CAPTURE_ERRORS } as const;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export type ErrorDetails = Record<string, string | number>;

/** The shape in which an error crosses every transport (IPC, WebSocket, CLI --json). */
export const WireError = z.object({
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  message: z.object({ vi: z.string(), en: z.string() }),
  details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type WireError = z.infer<typeof WireError>;

/** Fills {key} from the details; the Vietnamese message prefers a `key_vi` detail when given. */
function fill(template: string, details: ErrorDetails, language: 'vi' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = (language === 'vi' ? details[`${key}_vi`] : undefined) ?? details[key];
    return value === undefined ? whole : String(value);
  });
}

export function formatError(code: ErrorCode, details: ErrorDetails = {}): WireError {
  const spec: ErrorSpec = ERRORS[code];
  return { code, message: { vi: fill(spec.vi, details, 'vi'), en: fill(spec.en, details, 'en') }, details };
}

/** What the command line adds to an error's message (an environment variable), or ''. */
export function cliAdvice(code: ErrorCode, language: 'vi' | 'en'): string {
  const spec: ErrorSpec = ERRORS[code];
  return spec.cli?.[language] ?? '';
}

export function errorCategory(code: ErrorCode): ErrorCategory {
  return ERRORS[code].category;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}
