// The SHA-256 of a file as it is on disk (what the station promises in its answers and manifests).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const sha256OfFile = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
