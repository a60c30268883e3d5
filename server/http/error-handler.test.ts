import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../shared/sync/protocol';
import { ApiError, errorBody } from './api-error';
import { mapError } from './error-handler';

function fastifyError(code: string, statusCode: number, message = 'boom'): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

describe('mapError', () => {
  it('passes ApiErrors through', () => {
    expect(mapError(new ApiError(401, 'device_revoked', 'revoked'), 1024)).toEqual({
      statusCode: 401,
      body: { error: { code: 'device_revoked', message: 'revoked' } },
      internal: false,
    });
  });

  it('maps Fastify client errors to protocol codes', () => {
    expect(mapError(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 2048)).toMatchObject({
      statusCode: 413,
      body: { error: { code: 'payload_too_large', message: expect.stringContaining('2048') as unknown } },
    });
    expect(mapError(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 1)).toMatchObject({ statusCode: 400, body: { error: { code: 'invalid_request' } } });
    expect(mapError(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400), 1)).toMatchObject({ statusCode: 400, body: { error: { code: 'invalid_request' } } });
    expect(mapError(fastifyError('X', 429), 1)).toMatchObject({ statusCode: 429, body: { error: { code: 'rate_limited' } } });
    const syntax = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(mapError(syntax, 1).body.error.message).toMatch(/not valid JSON/);
    const quoting = Object.assign(new SyntaxError('Unexpected token \'s\', "secret notes" is not valid JSON'), { statusCode: 400 });
    expect(mapError(quoting, 1).body.error.message).toBe("The body is not valid JSON: Unexpected token 's'");
  });

  it('hides the details of server faults', () => {
    const mapped = mapError(new Error('connection to 10.0.0.3 refused, password=hunter2'), 1);
    expect(mapped).toMatchObject({ statusCode: 500, internal: true, body: { error: { code: 'server_error' } } });
    expect(JSON.stringify(mapped.body)).not.toContain('hunter2');
    expect(mapError('a string', 1).statusCode).toBe(500);
    expect(mapError(fastifyError('X', 503), 1).statusCode).toBe(500);
  });

  it('keeps every message within errorBodySchema', () => {
    const long = errorBody('invalid_request', 'x'.repeat(10_000));
    expect(errorBodySchema.safeParse(long).success).toBe(true);
    expect(long.error.message).toHaveLength(500);
  });
});
