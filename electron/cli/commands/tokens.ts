// sohoa tokens [--pkcs11 MODULE] [--json]: the signing tokens plugged in, with their
// certificates (no PIN needed); the ids are what `sohoa sign --cert` takes.
import { stringOption } from '../args';
import type { Command } from '../command';

export const tokensCommand: Command = {
  options: { pkcs11: { type: 'string' } },
  async run({ out, parsed, session }) {
    const module = stringOption(parsed, 'pkcs11');
    const tokens = await (await session(module !== undefined ? { tokenLibrary: module } : {})).call('signing.tokens', module !== undefined ? { module } : {});
    out.result(tokens, () =>
      tokens.length === 0
        ? [out.t('noTokens')]
        : tokens.flatMap((t) => [
            `${t.label} — ${t.manufacturer} ${t.model} (${t.serial})${t.pinLocked ? ` [${out.t('pinLocked')}]` : ''}`,
            ...t.certificates.map((c) => `  ${c.id}  ${c.subject}  (${c.issuer}; ${out.t('validUntil')} ${c.notAfter})`),
          ]),
    );
    return 0;
  },
};
