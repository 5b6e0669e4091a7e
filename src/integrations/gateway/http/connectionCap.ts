import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../log.js';

/**
 * A cap on open client connections that answers rather than drops. A connection accepted
 * while `max()` others are open (those over the cap included, until they close) is marked,
 * and the router answers its requests 503 with retry-after and closes it. Node's own `server.maxConnections` closes such a connection
 * before reading a byte, which a client sees as a reset it cannot tell from a crash.
 * Reaching the cap and leaving it are logged once each, not once per connection, so a flood
 * of connections cannot flood the log.
 */
export class ConnectionCap {
  /** Connections refused since the cap was last reached. */
  private refused = 0;
  private readonly over = new WeakSet<Socket>();

  constructor(
    server: Server,
    /** The server's open connections (listener.ts's trackConnections), the new one already in. */
    private readonly open: ReadonlySet<Socket>,
    private readonly max: () => number,
    private readonly logger: Logger,
  ) {
    server.on('connection', (socket: Socket) => this.accept(socket));
  }

  /** Whether `socket` was accepted over the cap: its requests get 503. */
  refuses(socket: Socket): boolean {
    return this.over.has(socket);
  }

  private accept(socket: Socket): void {
    const max = this.max();
    if (this.open.size > max) {
      if (this.refused++ === 0) this.logger.log('warn', 'connection limit reached: requests on new connections are answered 503', { maxConnections: max });
      this.over.add(socket);
      return;
    }
    if (this.refused > 0) {
      this.logger.log('info', 'below the connection limit again', { maxConnections: max, refused: this.refused });
      this.refused = 0;
    }
  }
}
