/**
 * The benchmarks write through the encrypted store, as the app does, under the data key
 * of this profile's key vault (renderer/lock/key-vault.ts): the app opened afterwards in
 * the same profile (the end-to-end tests seed records through the bench page, then
 * open the app) unlocks that vault with the same passphrase and reads what they wrote.
 * The bench page sets the vault up itself when the profile has none.
 */
import { createRecordCipher } from '../crypto/record-cipher';
import type { RecordCipher } from '../crypto/record-cipher';
import { KeyVault } from '../lock/key-vault';
import { IndexedDbVaultStorage } from '../lock/keyring-storage';
import { noKeychain } from '../platform/os-keychain';

/** The passphrase of a vault the bench page sets up: the same as tests/support/lock-screen.ts's E2E_PASSPHRASE. */
export const BENCH_PASSPHRASE = 'e2e passphrase: lantern river copper';

let cipher: Promise<RecordCipher> | undefined;

async function benchDataKey(): Promise<CryptoKey> {
  const vault = new KeyVault(new IndexedDbVaultStorage(), { keychain: noKeychain });
  if ((await vault.state()) === 'new') return (await vault.setUp(BENCH_PASSPHRASE)).dataKey;
  const unlocked = await vault.unlockWithPassphrase(BENCH_PASSPHRASE);
  if (!unlocked.ok) throw new Error(`this profile's key vault does not open with the bench passphrase (${unlocked.reason}): use a fresh browser profile`);
  return unlocked.dataKey;
}

export function benchCipher(): Promise<RecordCipher> {
  cipher ??= benchDataKey().then(createRecordCipher);
  return cipher;
}
