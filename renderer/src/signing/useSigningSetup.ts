// What the sign dialog starts from: the station's signing settings, and the tokens its PKCS#11
// library sees (listed without a PIN).
import { useCallback, useEffect, useState } from 'react';
import type { Settings, TokenInfo, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export interface SigningSetup {
  readonly settings: Settings | null;
  readonly tokens: TokenInfo[] | null;
  readonly tokensError: WireError | null;
  readonly loadingTokens: boolean;
  findTokens(module: string): Promise<void>;
}

export function useSigningSetup(): SigningSetup {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
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
    void client.call('settings.get', {}).then((s) => {
      setSettings(s);
      if (s.pkcs11Module) void findTokens(s.pkcs11Module);
    });
  }, [client, findTokens]);

  return { settings, tokens, tokensError, loadingTokens, findTokens };
}
