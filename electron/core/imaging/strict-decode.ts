// The damage check of an imported image: its page decoded whole at libvips' fail-on-warning
// level, so a damaged file (one bad byte in a PNG's IDAT, a JPEG cut short) is refused rather
// than imported as the sliver a lenient decoder returns. The imaging pool's own decode of the page
// is that check for an import's pages (apply.ts, `strict`); `decodesCleanly` is the check for a
// page nothing else decodes whole (no pool, an odd page the pool reads from its file).
import { StationError, errorMessage } from '../errors';
import { type ImageInput, imageError, openImage } from './page-encoder';

/** The decoder's own words for what is wrong, first line, without the file's name (the message
 * that carries them names it once already). */
export const decoderDetail = (e: unknown, file: string) =>
  errorMessage(e)
    .split('\n')[0]!
    .split(`${file}: `)
    .join('')
    .split(file)
    .join('')
    .trim();

/** A strict decode's failure as the station says it: too many pixels, or a damaged image. */
export function damagedImage(e: unknown, file: string): StationError {
  if (e instanceof StationError) return e;
  if (/pixel limit/i.test(errorMessage(e))) return imageError(e, file);
  return new StationError('import-damaged-image', { file, detail: decoderDetail(e, file) }, { cause: e });
}

/** Decodes one page whole, failing on the decoder's first warning (truncated, corrupt data). */
export async function decodesCleanly(input: ImageInput): Promise<void> {
  await openImage(input, 'warning')
    .stats()
    .catch((e: unknown) => Promise.reject(damagedImage(e, input.file)));
}
