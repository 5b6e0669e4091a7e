import { once } from 'node:events';
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** Listens on `port`; rejects naming `what` and the address when it cannot (e.g. the port is taken). */
export async function listen(server: Server, port: number, host: string, what: string): Promise<void> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the address is already in use' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new Error(`${what} cannot listen on ${host}:${port}: ${why}`);
  }
}

/** The connections a server has open, so that a drain can end the last ones at its deadline. */
export function trackConnections(server: Server): ReadonlySet<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/**
 * Stops accepting connections and waits up to `ms` for the open ones to end; then tells
 * `atDeadline` how many are still open, and destroys them.
 *
 * Not `http.Server.close()`: since Node 19 it also closes every idle keep-alive connection at
 * once, and a request a client is writing on one at that moment is reset unanswered. Only the
 * listening socket is closed here. The caller answers every request from now on with
 * `connection: close`, after which Node ends the connection; a connection left idle ends when
 * the keep-alive timeout it was given runs out (a client does not reuse it past that), or at `ms`.
 */
export async function stopListening(server: Server, sockets: ReadonlySet<Socket>, ms: number, atDeadline: (open: number) => void): Promise<void> {
  const ended = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), ms)));
  const outcome = await Promise.race([ended, deadline]);
  clearTimeout(timer);
  if (outcome === 'deadline' && sockets.size > 0) {
    atDeadline(sockets.size);
    for (const socket of sockets) socket.destroy();
    await ended;
  }
  // Already closed: this only stops the timer that checks the connections' header and request timeouts.
  server.close();
}
