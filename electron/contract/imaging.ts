// Imaging profiles a capture can ask for (what each does: electron/core/imaging/profiles.ts).
// Absent: the paper preset's own (`auto` and `id-card` crop to the paper), else `default`.
import { z } from 'zod';

export const IMAGING_PROFILES = ['default', 'auto', 'id-card', 'book', 'archive', 'archive-grey', 'archive-bilevel', 'none'] as const;
export const ImagingProfileName = z.enum(IMAGING_PROFILES);
export type ImagingProfileName = z.infer<typeof ImagingProfileName>;
