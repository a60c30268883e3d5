/**
 * Raw HTTP/1.1 over a TCP socket, for requests no HTTP client will send (a malformed
 * request line, headers over the limit, a body that never ends).
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Read one response from the socket: resolves once its head and Content-Length bytes of body have arrived. */
export function readResponse(socket: Socket, ceilingMs = 20_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      finish(new Error(`no complete response within ${ceilingMs} ms; got: ${buffer.toString('latin1').slice(0, 300)}`));
    }, ceilingMs);
    function finish(error: Error | undefined, response?: RawResponse): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
      else if (response) resolve(response);
    }
    function parse(): RawResponse | undefined {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? '0');
      if (buffer.length < end + 4 + length) return undefined;
      return {
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? '0'),
        headers,
        body: buffer.subarray(end + 4, end + 4 + length).toString('utf8'),
      };
    }
    function onData(chunk: Buffer): void {
      buffer = Buffer.concat([buffer, chunk]);
      const response = parse();
      if (response) finish(undefined, response);
    }
    function onClose(): void {
      finish(new Error(`connection closed before a complete response; got: ${buffer.toString('latin1').slice(0, 300)}`));
    }
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}

/** Open a socket to the server. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Send bytes as they are and read the one response. */
export async function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  const socket = await openSocket(port);
  socket.on('error', () => undefined);
  try {
    const response = readResponse(socket);
    socket.write(request);
    return await response;
  } finally {
    socket.destroy();
  }
}

/** Resolves when the server has closed the socket (its end arrived, or the socket closed). */
export function closedByServer(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readableEnded || socket.destroyed) {
      resolve();
      return;
    }
    socket.once('end', () => resolve());
    socket.once('close', () => resolve());
  });
}

/**
 * Send a request head, then `totalBytes` of body (framed by `frame`), without reading
 * anything until all is sent, as a client busy uploading does; then read the answer.
 * A server that closes its socket while bytes are still arriving resets the connection,
 * and the client loses the answer it has not read yet: this is what catches it.
 */
export async function sendAllThenRead(
  port: number,
  head: string,
  chunk: Buffer,
  totalBytes: number,
  frame: (chunk: Buffer) => Buffer = (c) => c,
): Promise<{ response: RawResponse; socket: Socket }> {
  const socket = await openSocket(port);
  socket.pause();
  let failure: Error | undefined;
  socket.on('error', (error) => {
    failure = error;
  });
  socket.write(head);
  const framed = frame(chunk);
  for (let sent = 0; sent < totalBytes && failure === undefined && !socket.destroyed; sent += chunk.length) {
    if (!socket.write(framed)) {
      await new Promise<void>((resume) => {
        const go = (): void => {
          socket.off('drain', go);
          socket.off('close', go);
          resume();
        };
        socket.once('drain', go);
        socket.once('close', go);
      });
    }
  }
  if (failure !== undefined || socket.destroyed) {
    throw new Error(`the connection failed while the body was being sent: ${failure?.message ?? 'closed'}`);
  }
  const response = readResponse(socket);
  socket.resume();
  return { response: await response, socket };
}
