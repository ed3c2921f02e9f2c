// The core reports failures as StationError: a contract error code plus the details its
// message needs. Anything else that escapes is a bug and becomes `internal`.
import { type ErrorCode, type ErrorDetails, formatError, isErrorCode, type WireError } from '../contract';

export class StationError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(formatError(code, details).message.en, options);
    this.name = 'StationError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return formatError(this.code, this.details);
  }
}

export function isStationError(e: unknown): e is StationError {
  return e instanceof StationError;
}

/** A worker protocol error code as a StationError (unknown codes become `io`). */
export function deviceError(code: string, message: string, device: string): StationError {
  if (isErrorCode(code)) return new StationError(code, { detail: message, device });
  return new StationError('io', { detail: `${code}: ${message}`, device });
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function toWireError(e: unknown, logPath: string): WireError {
  if (isStationError(e)) return e.toWire();
  return formatError('internal', { detail: errorMessage(e), log: logPath });
}
