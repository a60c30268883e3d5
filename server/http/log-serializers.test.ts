import { describe, expect, it } from 'vitest';
import { serializeError, withSafeSerializers } from './log-serializers';

describe('serializeError', () => {
  it("writes an error's type, code, message and frames, never the values a database error carries", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "records_pkey"'), {
      code: '23505',
      detail: 'Key (notes)=(secret notes) already exists.',
      where: 'secret where',
      hint: 'secret hint',
      parameters: ['secret parameter'],
    });
    const logged = serializeError(error);
    expect(logged).toMatchObject({ type: 'Error', code: '23505', message: 'duplicate key value violates unique constraint "records_pkey"' });
    expect(logged.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(logged)).not.toMatch(/secret/);
  });

  it('cuts long messages and keeps the stack free of the message', () => {
    const logged = serializeError(new Error(`start ${'x'.repeat(5000)} secret-at-the-end`));
    expect(logged.message.length).toBeLessThanOrEqual(301);
    expect(JSON.stringify(logged)).not.toContain('secret-at-the-end');
    expect(serializeError('a string with secret')).toEqual({ type: 'string', message: 'a thrown value that is not an Error', stack: '' });
  });

  it('is installed whatever logger options the caller gives', () => {
    expect(withSafeSerializers(undefined)).toBe(false);
    expect(withSafeSerializers(false)).toBe(false);
    expect(withSafeSerializers(true)).toMatchObject({ serializers: { err: serializeError } });
    expect(withSafeSerializers({ level: 'info', serializers: { err: () => ({ type: 'leaked', message: 'leaked', stack: '' }) } })).toMatchObject({ level: 'info', serializers: { err: serializeError } });
  });
});
