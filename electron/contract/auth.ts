// Accounts, roles and the caller's session as the contract shows them. Passwords travel only
// into login, unlock and account changes, and never come back out.
import { z } from 'zod';

export const Role = z.enum(['officer', 'archivist', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/i, { error: 'a user name is 2–40 letters (without marks), digits, dots, dashes or underscores' });

/** Long enough to resist guessing at a shared counter PC; no composition rules (NIST 800-63B). */
export const Password = z.string().min(10, { error: 'a password has at least 10 characters' }).max(200);

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const SessionState = z.object({
  /** No account yet: the station runs as its first administrator until one is made. */
  accountsExist: z.boolean(),
  user: User.nullable(),
  /** Locked after idle: the same user's password opens it again, nothing else works. */
  locked: z.boolean(),
  lockAfterMinutes: z.number().int(),
  /** Names this session in the addresses of page images and PDFs (/pages/<id>/image?k=…): a new
   * one at every sign-in and sign-out, good only while the session may act. */
  fileKey: z.string(),
});
export type SessionState = z.infer<typeof SessionState>;

export const NewUser = z
  .object({ username: Username, displayName: z.string().trim().min(1).max(200), role: Role, password: Password })
  .strict();

export const UserChange = z
  .object({
    id: z.string().min(1).max(64),
    displayName: z.string().trim().min(1).max(200).optional(),
    role: Role.optional(),
    password: Password.optional(),
    disabled: z.boolean().optional(),
    /** Required to change one's own password. */
    currentPassword: z.string().max(200).optional(),
  })
  .strict();
