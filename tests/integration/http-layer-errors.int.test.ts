/**
 * Errors the HTTP layer makes itself, sent over raw sockets where no HTTP client would
 * send such a request: every answer has the API's error body.
 */
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../../shared/sync/protocol';
import { DEFAULT_BODY_LIMIT } from '../../server/app';
import { MAX_URL_LENGTH } from '../../server/http/http-layer-errors';
import { closedByServer, rawRequest, sendAllThenRead } from './helpers/raw-http';
import type { RawResponse } from './helpers/raw-http';
import { enrolDevice } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

function expectErrorBody(response: RawResponse, status: number, code = 'invalid_request'): void {
  expect(response.status, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const parsed = errorBodySchema.safeParse(JSON.parse(response.body));
  expect(parsed.success, response.body).toBe(true);
  expect(parsed.data?.error.code).toBe(code);
}

describeEachDb('errors of the HTTP layer', (h) => {
  let app: FastifyInstance;
  let port: number;
  let device: TestDevice;

  beforeAll(async () => {
    await h.reset();
    app = await h.app();
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    device = await enrolDevice(app, 'RS-BEL');
  });

  const get = (target: string, headers = ''): string => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`;

  it('answers headers over the limit with 431 and an error body', async () => {
    expectErrorBody(await rawRequest(port, get('/health', `X-Big: ${'a'.repeat(20_000)}\r\n`)), 431);
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'b'.repeat(50)}\r\n`).join('');
    expectErrorBody(await rawRequest(port, get('/health', many)), 431);
  });

  it('answers a URL over the limit with 414 and an error body', async () => {
    expectErrorBody(await rawRequest(port, get(`/api/v1/sync/pull?protocolVersion=2&x=${'9'.repeat(MAX_URL_LENGTH)}`)), 414);
    expectErrorBody(await rawRequest(port, get(`/${'a'.repeat(MAX_URL_LENGTH + 1)}`)), 414);
    // A path parameter longer than any device id.
    const post = `POST /api/v1/admin/devices/${'d'.repeat(300)}/revoke HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`;
    expectErrorBody(await rawRequest(port, post), 414);
  });

  it('answers malformed URLs with 400 or 404 and an error body', async () => {
    expectErrorBody(await rawRequest(port, `POST /api/v1/admin/devices/%E0%A4%A/revoke HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`), 400);
    for (const target of ['/api/v1/%', '/api/v1/me%zz', '/%00', '/api/v1/..%2f..%2fetc/passwd', '//api//v1', '/api/v1/me?%%%', '/?a=%E0%A4%A']) {
      const response = await rawRequest(port, get(target));
      expect([400, 401, 404], `${target}: ${response.body}`).toContain(response.status);
      expect(errorBodySchema.safeParse(JSON.parse(response.body)).success, `${target}: ${response.body}`).toBe(true);
    }
  });

  it('answers malformed requests with 400 and an error body', async () => {
    const malformed = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      'FOO / HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n',
      'GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n',
      'POST /api/v1/enrolments HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /api/v1/enrolments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'POST /api/v1/enrolments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'POST /api/v1/enrolments HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
    ];
    for (const request of malformed) {
      const response = await rawRequest(port, request);
      expect(response.status, JSON.stringify(request)).toBe(400);
      expectErrorBody(response, 400);
    }
    // A request line without a version is read by Node as a request for "/": the app shell's 404 here.
    expectErrorBody(await rawRequest(port, 'GET /nowhere\r\n\r\n'), 404);
  });

  it('answers unknown routes and methods with 404 and an error body', async () => {
    for (const [method, target] of [
      ['GET', '/nowhere'],
      ['DELETE', '/api/v1/me'],
      ['PUT', '/api/v1/sync/push'],
      ['PATCH', '/api/v1/enrolments'],
      ['PROPFIND', '/api/v1/me'],
      ['TRACE', '/'],
      ['POST', '/health'],
    ] as const) {
      const response = await rawRequest(port, `${method} ${target} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`);
      expectErrorBody(response, 404);
    }
  });

  it('answers bad JSON and a wrong content type with 400 and an error body', async () => {
    const post = (type: string, body: string): string =>
      `POST /api/v1/sync/push HTTP/1.1\r\nHost: localhost\r\n${device.headers.authorization === '' ? '' : `Authorization: ${device.headers.authorization}\r\n`}Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    expectErrorBody(await rawRequest(port, post('application/json', '{"protocolVersion":2,')), 400);
    expectErrorBody(await rawRequest(port, post('text/plain', '{}')), 400);
    expectErrorBody(await rawRequest(port, post('application/json; charset=ebcdic', '{}')), 400);
    expectErrorBody(await rawRequest(port, `POST /api/v1/enrolments HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}`), 400);
  });

  it('answers a gzip body that is not gzip, sent with a content type the API refuses unread, with 400 and stays up', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => {
      crashes.push(error);
    };
    process.on('uncaughtException', onCrash);
    try {
      for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/sync/push',
          headers: { ...device.headers, 'content-type': type, 'content-encoding': 'gzip' },
          payload: '{"not":"gzip"}',
        });
        expect(res.statusCode, res.body).toBe(400);
        expect(errorBodySchema.safeParse(res.json()).success).toBe(true);
      }
      // The refused bodies' inflaters fail after the answer: wait for the server's next answer on the same loop.
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      process.off('uncaughtException', onCrash);
    }
    expect(crashes.map(String)).toEqual([]);
  });

  it('answers a body over the limit with 413, which a client still sending reads before the connection closes', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    // More than the limit is sent before the client reads anything.
    const sent = DEFAULT_BODY_LIMIT + 4 * 1024 * 1024;
    // Declared too large: refused from its Content-Length while the client goes on sending.
    const declared = await sendAllThenRead(
      port,
      `POST /api/v1/sync/push HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${device.headers.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${10 * DEFAULT_BODY_LIMIT}\r\n\r\n`,
      chunk,
      sent,
    );
    expectErrorBody(declared.response, 413, 'payload_too_large');
    expect(declared.response.headers.connection).toBe('close');
    await closedByServer(declared.socket);
    declared.socket.destroy();

    // Chunked, no length: refused once the bytes read pass the limit.
    const chunked = await sendAllThenRead(
      port,
      'POST /api/v1/enrolments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      chunk,
      sent,
      (c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]),
    );
    expectErrorBody(chunked.response, 413, 'payload_too_large');
    await closedByServer(chunked.socket);
    chunked.socket.destroy();

    // The server answers afterwards.
    expect((await rawRequest(port, get('/health'))).status).toBe(200);
  });
});

