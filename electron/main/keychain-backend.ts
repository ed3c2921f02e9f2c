// Whether Electron's safeStorage is a keychain worth the name. On Linux, where Chromium finds no
// Secret Service and no KWallet, it falls back to `basic_text`: "encryption" with a key built into
// the browser, the same on every machine — it hides nothing from whoever copies the data folder.
// That counts as no keychain (the station then needs SOHOA_STATION_PASSPHRASE); so does `unknown`
// (asked before the app is ready). No `electron` import here, so that tests can run it.
export type LinuxBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export function isRealKeychain(platform: NodeJS.Platform, encryptionAvailable: boolean, linuxBackend: () => LinuxBackend): boolean {
  if (!encryptionAvailable) return false;
  if (platform !== 'linux') return true; // DPAPI on Windows, the Keychain on macOS
  const backend = linuxBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}
