/**
 * A tile server of our own on loopback for the tile tests: answers
 * `/<anything>/{z}/{x}/{y}.png` with a small generated PNG (a colour per tile, a darker
 * edge, so tiles are visible in screenshots), counts every request, and can be stopped
 * and started again on the same port to simulate a network cut.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

export interface TileServer {
  /** e.g. `http://127.0.0.1:43125` */
  readonly origin: string;
  /** Paths asked for, in order (`/org/5/17/11.png`). */
  readonly requests: string[];
  /** Paths whose answer was sent whole (a request cut by `stop()` is in `requests` only). */
  readonly served: string[];
  /**
   * Answer `count` more requests, then hold every later one unanswered until
   * `release()`: a download can be watched part-way, on any machine, with no timing.
   */
  holdAfter(count: number): void;
  /** Answer every held request, and all later ones at once. */
  release(): void;
  /** Requests waiting unanswered now. */
  readonly held: number;
  /** Stop answering (the port closes, open connections are cut). */
  stop(): Promise<void>;
  /** Answer again on the same port. */
  start(): Promise<void>;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 256 × 256 RGB PNG: a pale colour of the tile, a 2-pixel darker edge. */
export function tilePng(z: number, x: number, y: number): Buffer {
  const size = 256;
  const hue = ((x * 47 + y * 89 + z * 13) % 360) / 360;
  const [r, g, b] = [0, 1 / 3, 2 / 3].map((shift) => Math.round(200 + 40 * Math.cos(2 * Math.PI * (hue + shift)))) as [number, number, number];
  const rows: Buffer[] = [];
  for (let row = 0; row < size; row++) {
    const line = Buffer.alloc(1 + size * 3);
    for (let col = 0; col < size; col++) {
      const edge = row < 2 || col < 2 || row >= size - 2 || col >= size - 2;
      line.writeUInt8(edge ? r - 90 : r, 1 + col * 3);
      line.writeUInt8(edge ? g - 90 : g, 2 + col * 3);
      line.writeUInt8(edge ? b - 90 : b, 3 + col * 3);
    }
    rows.push(line);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TILE_PATH = /\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.png$/;

export async function startTileServer(): Promise<TileServer> {
  let server: Server | null = null;
  let port = 0;
  const requests: string[] = [];
  const served: string[] = [];
  const state = { allowance: null as number | null, held: [] as (() => void)[] };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://tiles').pathname;
        requests.push(path);
        response.once('finish', () => served.push(path));
        const match = TILE_PATH.exec(path);
        const send = () => {
          if (match === null) {
            response.writeHead(404, { 'access-control-allow-origin': '*' }).end();
            return;
          }
          const body = tilePng(Number(match[1]), Number(match[2]), Number(match[3]));
          response
            .writeHead(200, { 'content-type': 'image/png', 'content-length': body.length, 'access-control-allow-origin': '*', 'cache-control': 'max-age=86400' })
            .end(body);
        };
        if (state.allowance === null) send();
        else if (state.allowance > 0) {
          state.allowance -= 1;
          send();
        } else state.held.push(send);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });

  await listen();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    served,
    holdAfter(count) {
      state.allowance = count;
    },
    release() {
      state.allowance = null;
      for (const send of state.held.splice(0)) send();
    },
    get held() {
      return state.held.length;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const running = server;
        server = null;
        // Held requests die with their connections.
        state.held.length = 0;
        if (running === null) {
          resolve();
          return;
        }
        running.closeAllConnections();
        running.close(() => resolve());
      }),
    start: () => (server === null ? listen() : Promise.resolve()),
  };
}
