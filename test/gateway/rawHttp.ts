import { connect, type Socket } from 'node:net';
import { WAIT } from '../support/timeouts.js';

/** What came back on a raw connection by the time the server closed it. */
export interface RawAnswer {
  /** 0 when nothing that looks like a response came back. */
  readonly status: number;
  /** Lower-cased names. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly closedWithoutAnswer: boolean;
}

/**
 * Opens a connection to `url`, lets `send` write to it (all at once, dripped, pumped), and
 * reads until the server closes it. Write errors are ignored: a server that answers and closes
 * while the client is still writing (EPIPE, a reset) is judged by the answer it sent.
 */
export function rawExchange(url: string, send: (socket: Socket) => void, what = 'answer'): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => {
      /* see above */
    });
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'))));
    socket.setTimeout(WAIT.local, () => {
      socket.destroy();
      reject(new Error(`no ${what} within ${WAIT.local} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('utf8').slice(0, 200))}`));
    });
    send(socket);
  });
}

/**
 * A keep-alive connection to `url` that has had `raw` answered (`raw` must ask for a response
 * with a content-length, such as a probe or a non-streaming chat), left open and idle.
 */
export function keptAlive(url: string, raw: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      // Without a content-length, the headers are taken as the whole answer.
      const length = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (split < 0 || (length && Buffer.byteLength(text.slice(split + 4)) < Number(length[1]))) return;
      socket.off('data', onData);
      socket.off('error', reject);
      // The server may close or reset it while idle: what it did is judged by exchangeOn.
      socket.on('error', () => undefined);
      resolve(socket);
    };
    socket.on('error', reject);
    socket.on('data', onData);
    socket.write(raw);
  });
}

/**
 * Writes `raw` on a connection opened earlier (see keptAlive) and reads until the server
 * closes it. A connection the server has already closed gives an answer `closedWithoutAnswer`.
 */
export function exchangeOn(socket: Socket, raw: string, what = 'answer'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const done = () => resolve(parseAnswer(Buffer.concat(chunks).toString('utf8')));
    if (socket.destroyed) return done();
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => {
      /* judged by what came back, as in rawExchange */
    });
    socket.once('close', done);
    socket.setTimeout(WAIT.local, () => {
      socket.destroy();
      reject(new Error(`no ${what} within ${WAIT.local} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('utf8').slice(0, 200))}`));
    });
    socket.write(raw);
  });
}

/** The demo key of the search team, which the default config serves. */
const KEY = 'sk-lookout-search';

/** The head of a chat request, written raw; `framing` is its content-length or transfer-encoding line. */
export const chatHead = (framing: string) => `POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\ncontent-type: application/json\r\nauthorization: Bearer ${KEY}\r\n${framing}\r\n\r\n`;

/** A whole non-streaming chat request, written raw, asking for `connection` (close, keep-alive) or leaving it out. */
export const chatRaw = (connection?: string) => {
  const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  return `${chatHead(`content-length: ${Buffer.byteLength(body)}${connection ? `\r\nconnection: ${connection}` : ''}`)}${body}`;
};

/** Sends `raw` and half-closes. */
export const sendRaw = (url: string, raw: string | Buffer): Promise<RawAnswer> => rawExchange(url, (socket) => socket.end(raw));

/** Writes `chunk` over and over, as fast as the server reads, until `total` bytes are written or the connection closes. */
export function pump(socket: Socket, chunk: Buffer, total: number, end?: Buffer): void {
  let written = 0;
  const more = () => {
    while (written < total && !socket.destroyed) {
      written += chunk.length;
      if (!socket.write(chunk)) return void socket.once('drain', more);
    }
    if (end && !socket.destroyed) socket.write(end);
  };
  more();
}

/** Writes one byte of `bytes` every `everyMs` until they run out or the connection closes. */
export function drip(socket: Socket, bytes: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= bytes.length) return clearInterval(timer);
    socket.write(bytes[at++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/** A chunk of chunked transfer coding holding `size` bytes of `fill`. */
export function chunkOf(size: number, fill = 'a'): Buffer {
  return Buffer.from(`${size.toString(16)}\r\n${fill.repeat(size)}\r\n`);
}

function parseAnswer(text: string): RawAnswer {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  if (!match) return { status: 0, headers: {}, body: text, closedWithoutAnswer: true };
  const split = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, split).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: text.slice(split + 4), closedWithoutAnswer: false };
}
