/**
 * The benchmarks write through the encrypted store, as the app does, under the interim
 * device key (renderer/crypto/interim-device-key.ts): the app opened after the store
 * benchmarks reads what they wrote, so both must use the same key.
 */
import { createRecordCipher } from '../crypto/record-cipher';
import type { RecordCipher } from '../crypto/record-cipher';
import { interimDataKey } from '../crypto/interim-device-key';

let cipher: Promise<RecordCipher> | undefined;

export function benchCipher(): Promise<RecordCipher> {
  cipher ??= interimDataKey().then(createRecordCipher);
  return cipher;
}
