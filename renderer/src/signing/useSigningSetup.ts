// What the sign dialogs start from: the station's way of signing (settings: the allowed token
// libraries, level, timestamp authority, appearance), the person's own key choice (preferences),
// and the tokens the chosen library sees (listed without a PIN).
import { useCallback, useEffect, useState } from 'react';
import type { Preferences, PreferencesUpdate, Settings, TokenInfo, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { type KeyChoice, rememberedOf } from './KeyFields';

export interface SigningSetup {
  readonly settings: Settings | null;
  readonly prefs: Preferences | null;
  readonly tokens: TokenInfo[] | null;
  readonly tokensError: WireError | null;
  readonly loadingTokens: boolean;
  /** Lists the tokens of a library ('': the station's default). */
  findTokens(module: string): Promise<void>;
  /** Keeps the person's choice for next time (never the PIN or password). */
  remember(change: PreferencesUpdate): Promise<void>;
  /** Keeps the key that just signed; of a PKCS#12 file also its certificate (holder, expiry),
   * read with the password still in hand, to be shown before the next signature. */
  rememberSigned(key: KeyChoice): Promise<void>;
}

export function useSigningSetup(): SigningSetup {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [tokensError, setTokensError] = useState<WireError | null>(null);
  const [loadingTokens, setLoading] = useState(false);

  const findTokens = useCallback(
    async (module: string) => {
      setLoading(true);
      setTokensError(null);
      try {
        setTokens(await client.call('signing.tokens', module.trim() ? { module: module.trim() } : {}));
      } catch (e) {
        if (!(e instanceof StationCallError)) throw e;
        setTokens(null);
        setTokensError(e.error);
      } finally {
        setLoading(false);
      }
    },
    [client],
  );

  useEffect(() => {
    void Promise.all([client.call('settings.get', {}), client.call('preferences.get', {})]).then(([s, p]) => {
      setSettings(s);
      setPrefs(p);
      if (p.signingKeyKind === 'pkcs11') void findTokens(p.pkcs11Module ?? s.pkcs11Modules[0] ?? '');
    });
  }, [client, findTokens]);

  // Throws the station's refusal (a path outside browser mode's folders, a library not allowed).
  const remember = useCallback(
    async (change: PreferencesUpdate) => {
      setPrefs(await client.call('preferences.update', change));
    },
    [client],
  );

  const rememberSigned = useCallback(
    async (key: KeyChoice) => {
      const change: PreferencesUpdate = rememberedOf(key);
      if (key.kind === 'p12') {
        // Not knowing the holder is no failure: the file signed.
        const certificate = await client.call('signing.p12Certificate', { path: key.p12Path.trim(), password: key.password }).catch(() => null);
        if (certificate) change.p12Certificate = certificate;
      }
      await remember(change);
    },
    [client, remember],
  );

  return { settings, prefs, tokens, tokensError, loadingTokens, findTokens, remember, rememberSigned };
}
