/**
 * main's pinned tile fetch (main/net/pinned-tile-fetch.ts) over real sockets, without
 * Electron: the connection goes to the checked address whatever the name resolves to,
 * the Host header and TLS keep the host NAME (SNI, and the certificate is checked against
 * the name, not the address), and redirects are handed back, not followed.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTilePinned } from '../../main/net/pinned-tile-fetch';
import { tilePng } from '../support/tile-server';

const tls = (name: string) => ({
  cert: readFileSync(path.join(import.meta.dirname, '../fixtures/tls', `${name}.crt`), 'utf8'),
  key: readFileSync(path.join(import.meta.dirname, '../fixtures/tls', `${name}.key`), 'utf8'),
});
const TILES = tls('tiles.pinned.test');
const OTHER = tls('other.pinned.test');
const options = { userAgent: 'Routewatch-test', timeoutMs: 10_000, ca: [TILES.cert, OTHER.cert] };

interface Seen {
  readonly host: string | undefined;
  readonly servername: string | false | null | undefined;
  readonly path: string | undefined;
}

/** Answers a tile (or a redirect on /hop), recording what each request named. */
function answerer(seen: Seen[]) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    seen.push({ host: request.headers.host, servername: (request.socket as Partial<TLSSocket>).servername, path: request.url });
    if (request.url === '/hop') response.writeHead(302, { location: 'http://127.0.0.1/latest/meta-data/' }).end();
    else if (request.url === '/big') response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(3 * 1024 * 1024));
    else response.writeHead(200, { 'content-type': 'image/png' }).end(tilePng(1, 1, 1));
  };
}

async function listen(server: Server | TlsServer, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const closeAll = (...servers: (Server | TlsServer)[]) =>
  Promise.all(servers.filter((s) => s.listening).map((s) => new Promise((resolve) => s.close(resolve))));

/** Counts the TCP connections a server accepted. */
function countConnections(server: Server | TlsServer): { readonly count: number } {
  const counter = { count: 0 };
  server.on('connection', () => (counter.count += 1));
  return counter;
}

const checked: Seen[] = [];
const elsewhere: Seen[] = [];
const checkedServer = createServer(answerer(checked));
const elsewhereServer = createServer(answerer(elsewhere));
const tlsSeen: Seen[] = [];
const tlsServer = createTlsServer(TILES, answerer(tlsSeen));
const wrongNameServer = createTlsServer(OTHER, answerer(tlsSeen));
const checkedConnections = countConnections(checkedServer);
const elsewhereConnections = countConnections(elsewhereServer);
const tlsConnections = countConnections(tlsServer);
let port = 0;
let tlsPort = 0;
let wrongNamePort = 0;
/** Whether 127.0.0.2 could be bound (Linux routes all of 127/8 to loopback; macOS does not). */
let secondLoopback = true;

beforeAll(async () => {
  port = await listen(checkedServer, '127.0.0.2').catch(() => {
    secondLoopback = false;
    return listen(checkedServer, '127.0.0.1');
  });
  if (secondLoopback) await listen(elsewhereServer, '127.0.0.1', port);
  tlsPort = await listen(tlsServer, '127.0.0.1');
  wrongNamePort = await listen(wrongNameServer, '127.0.0.1');
});

afterAll(() => closeAll(checkedServer, elsewhereServer, tlsServer, wrongNameServer));

describe('pinned tile fetch', () => {
  it('connects to the checked address for a name that resolves nowhere, and keeps the name in the Host header', async () => {
    const address = secondLoopback ? '127.0.0.2' : '127.0.0.1';
    const answer = await fetchTilePinned(`http://tiles.pinned.test:${String(port)}/9/1/2.png`, [address], options);
    expect(answer.status).toBe(200);
    expect(answer.bytes).toEqual(new Uint8Array(tilePng(1, 1, 1)));
    expect(checked.at(-1)).toMatchObject({ host: `tiles.pinned.test:${String(port)}`, path: '/9/1/2.png' });
  });

  it('connects to the checked address even where the name resolves to loopback: the loopback server is never reached', async (context) => {
    if (!secondLoopback) context.skip('127.0.0.2 cannot be bound on this system (only Linux routes all of 127/8 to loopback)');
    // "localhost" resolves to 127.0.0.1 (the server that must not be reached, on the same port);
    // the check saw 127.0.0.2.
    const before = elsewhere.length;
    const answer = await fetchTilePinned(`http://localhost:${String(port)}/3/2/1.png`, ['127.0.0.2'], options);
    expect(answer.status).toBe(200);
    expect(checked.at(-1)?.path).toBe('/3/2/1.png');
    expect(elsewhere.length).toBe(before);
  });

  it('never goes out without a checked address for a host name', async () => {
    const before = checked.length + elsewhere.length;
    await expect(fetchTilePinned(`http://localhost:${String(port)}/1/1/1.png`, [], options)).rejects.toThrow(/no checked address/);
    await expect(fetchTilePinned(`http://localhost:${String(port)}/1/1/1.png`, ['localhost'], options)).rejects.toThrow(/no checked address/);
    expect(checked.length + elsewhere.length).toBe(before);
  });

  it('verifies the certificate against the host name (SNI is the name), not the pinned address', async () => {
    const answer = await fetchTilePinned(`https://tiles.pinned.test:${String(tlsPort)}/5/4/3.png`, ['127.0.0.1'], options);
    expect(answer.status).toBe(200);
    expect(tlsSeen.at(-1)).toEqual({ host: `tiles.pinned.test:${String(tlsPort)}`, servername: 'tiles.pinned.test', path: '/5/4/3.png' });
    const before = tlsSeen.length;
    // A trusted certificate for another name, on the checked address: refused.
    await expect(fetchTilePinned(`https://tiles.pinned.test:${String(wrongNamePort)}/5/4/3.png`, ['127.0.0.1'], options)).rejects.toThrow(/altnames|Hostname/i);
    // The right certificate asked for by address: it names the host, not the address.
    await expect(fetchTilePinned(`https://127.0.0.1:${String(tlsPort)}/5/4/3.png`, null, options)).rejects.toThrow(/altnames|IP/i);
    // Without the test's certificate authority the certificate is not trusted at all.
    await expect(fetchTilePinned(`https://tiles.pinned.test:${String(tlsPort)}/5/4/3.png`, ['127.0.0.1'], { userAgent: 'x', timeoutMs: 10_000 })).rejects.toThrow(/self-signed|certificate/i);
    expect(tlsSeen.length).toBe(before);
  });

  it('hands a redirect back without following it, and cuts a body over the limit', async () => {
    const address = secondLoopback ? '127.0.0.2' : '127.0.0.1';
    const before = checked.length;
    expect(await fetchTilePinned(`http://tiles.pinned.test:${String(port)}/hop`, [address], options)).toEqual({
      status: 302,
      bytes: new Uint8Array(),
      location: 'http://127.0.0.1/latest/meta-data/',
    });
    expect(checked.length).toBe(before + 1);
    expect(await fetchTilePinned(`http://tiles.pinned.test:${String(port)}/big`, [address], options)).toEqual({ status: 413, bytes: new Uint8Array() });
  });

  describe('over a keep-alive pool (net/tile-agents.ts)', () => {
    const pooled = { keepAlive: true, maxSockets: 6, timeout: 4000 };

    it('sends sequential tiles over one connection, http and https', async () => {
      const address = secondLoopback ? '127.0.0.2' : '127.0.0.1';
      const agent = new HttpAgent(pooled);
      const tlsAgent = new HttpsAgent(pooled);
      try {
        const before = checkedConnections.count;
        for (const tile of ['/1/0/0.png', '/1/0/1.png', '/1/1/0.png']) {
          expect((await fetchTilePinned(`http://tiles.pinned.test:${String(port)}${tile}`, [address], { ...options, agent })).status).toBe(200);
        }
        expect(checkedConnections.count - before).toBe(1);

        const tlsBefore = tlsConnections.count;
        for (const tile of ['/2/0/0.png', '/2/0/1.png']) {
          expect((await fetchTilePinned(`https://tiles.pinned.test:${String(tlsPort)}${tile}`, ['127.0.0.1'], { ...options, agent: tlsAgent })).status).toBe(200);
        }
        expect(tlsConnections.count - tlsBefore).toBe(1);
        expect(tlsSeen.at(-1)).toMatchObject({ servername: 'tiles.pinned.test', path: '/2/0/1.png' });
      } finally {
        agent.destroy();
        tlsAgent.destroy();
      }
    });

    it('pins every new connection of the pool: tiles at once open more, all to the checked address', async (context) => {
      if (!secondLoopback) context.skip('127.0.0.2 cannot be bound on this system (only Linux routes all of 127/8 to loopback)');
      const agent = new HttpAgent(pooled);
      try {
        const before = { checked: checkedConnections.count, elsewhere: elsewhereConnections.count, seen: elsewhere.length };
        // "localhost" resolves to 127.0.0.1, the server that must not be reached; the check saw 127.0.0.2.
        const answers = await Promise.all(
          [1, 2, 3].map((y) => fetchTilePinned(`http://localhost:${String(port)}/4/4/${String(y)}.png`, ['127.0.0.2'], { ...options, agent })),
        );
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
        expect(checkedConnections.count - before.checked).toBe(3);
        expect(elsewhereConnections.count - before.elsewhere).toBe(0);
        expect(elsewhere.length).toBe(before.seen);
      } finally {
        agent.destroy();
      }
    });

    it('keeps the certificate check and the limits: a wrong name is refused, a body over the limit closes its connection', async () => {
      const tlsAgent = new HttpsAgent(pooled);
      const agent = new HttpAgent(pooled);
      try {
        await expect(fetchTilePinned(`https://tiles.pinned.test:${String(wrongNamePort)}/5/4/3.png`, ['127.0.0.1'], { ...options, agent: tlsAgent })).rejects.toThrow(/altnames|Hostname/i);
        const address = secondLoopback ? '127.0.0.2' : '127.0.0.1';
        const before = checkedConnections.count;
        expect(await fetchTilePinned(`http://tiles.pinned.test:${String(port)}/big`, [address], { ...options, agent })).toEqual({ status: 413, bytes: new Uint8Array() });
        expect((await fetchTilePinned(`http://tiles.pinned.test:${String(port)}/6/1/1.png`, [address], { ...options, agent })).status).toBe(200);
        // The cut-off answer's connection was not handed to the next tile.
        expect(checkedConnections.count - before).toBe(2);
      } finally {
        agent.destroy();
        tlsAgent.destroy();
      }
    });

    it('tries a tile once more on a new connection when the server dropped the kept-alive one as it was reused', async () => {
      const perSocket = new WeakMap<object, number>();
      let resets = 0;
      // Answers the first request of a connection, then drops the connection at the next (a server closing an idle one).
      const dropper = createServer((request, response) => {
        const count = (perSocket.get(request.socket) ?? 0) + 1;
        perSocket.set(request.socket, count);
        if (count > 1) {
          resets += 1;
          request.socket.destroy();
          return;
        }
        response.writeHead(200, { 'content-type': 'image/png' }).end(tilePng(1, 1, 1));
      });
      const dropperConnections = countConnections(dropper);
      const dropperPort = await listen(dropper, '127.0.0.1');
      const agent = new HttpAgent(pooled);
      try {
        for (const y of [1, 2]) {
          expect((await fetchTilePinned(`http://tiles.pinned.test:${String(dropperPort)}/8/8/${String(y)}.png`, ['127.0.0.1'], { ...options, agent })).status).toBe(200);
        }
        expect(resets).toBe(1);
        expect(dropperConnections.count).toBe(2);
      } finally {
        agent.destroy();
        await closeAll(dropper);
      }
    });
  });
});
