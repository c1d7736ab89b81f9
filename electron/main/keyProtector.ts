/**
 * The signing key sealed at rest by the operating system's keychain (Electron's safeStorage:
 * DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux). Where the keychain is a
 * plain-text stand-in (Linux without a secret service: `basic_text`), sealing would only pretend,
 * so the key stays a PEM file only its owner may read, as the command line keeps it.
 */
import type { KeyProtector } from '../export/keys';

/** What of Electron's safeStorage this needs (injected, so it is tested without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageKeys(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    kind: 'safe-storage',
    seal: (pem) => Promise.resolve(safeStorage.encryptString(pem)),
    unseal: (sealed) => Promise.resolve(safeStorage.decryptString(sealed)),
  };
}
