import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One notification as Alertmanager's webhook sends it. */
export interface Notification {
  /** The receiver Alertmanager says it notified (the payload's own `receiver`). */
  receiver: string;
  /** The path it was posted to. */
  path: string;
  receivedAt: number;
  status: 'firing' | 'resolved';
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
  groupLabels: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  notifications: Notification[];
  stop(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 (port picked by the OS) that records every notification posted to it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const notifications: Notification[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Notification, 'path' | 'receivedAt'>;
        notifications.push({ receiver: body.receiver, path: req.url ?? '/', receivedAt: Date.now(), status: body.status, alerts: body.alerts, groupLabels: body.groupLabels });
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    notifications,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
