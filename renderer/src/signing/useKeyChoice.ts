// The key a sign dialog starts from: the person's remembered choice (preferences) over the
// station's allowed libraries, the certificate found on their token. While it is complete, only the
// secret is asked (ConfiguredKey); "change key" opens the full choice (KeyFields).
import { useEffect, useState } from 'react';
import { isConfigured } from './ConfiguredKey';
import { EMPTY_KEY, type KeyChoice, choiceFrom, defaultCertificate } from './KeyFields';
import type { SigningSetup } from './useSigningSetup';

export function useKeyChoice(setup: SigningSetup) {
  const { settings, prefs, tokens } = setup;
  const [key, setKey] = useState<KeyChoice>(EMPTY_KEY);
  const [changing, setChanging] = useState(false);
  useEffect(() => {
    if (settings && prefs) setKey((k) => ({ ...k, ...choiceFrom(settings, prefs) }));
  }, [settings, prefs]);
  useEffect(() => setKey((k) => ({ ...k, ...defaultCertificate(tokens, prefs) })), [tokens, prefs]);

  /** Still finding out what the person signs with (their preferences, their token's certificates). */
  const loading = !changing && (!settings || !prefs || (key.kind === 'pkcs11' && tokens === null && setup.tokensError === null));
  const quick = !changing && !loading && isConfigured(key, tokens);
  const secret = key.kind === 'pkcs11' ? key.pin : key.password;
  const complete = secret.length > 0 && (key.kind === 'p12' ? key.p12Path.trim().length > 0 : Boolean(key.certificateId));
  return { key, setKey, loading, quick, complete, change: () => setChanging(true), clearSecret: () => setKey((k) => ({ ...k, pin: '', password: '' })) };
}
