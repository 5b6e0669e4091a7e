import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawSeriesOf, StreamHistory, type Stream } from './traffic.js';

/**
 * The live end of the synthetic traffic: an HTTP target on 127.0.0.1 that Prometheus scrapes,
 * serving every raw counter where the backfilled history left it and counting on from there,
 * so rate windows that reach into the last minutes see one continuous series. It exposes
 * `job` and `instance` itself (scraped with honor_labels) so the live series are the same
 * series as the backfilled ones.
 */

export interface Exporter {
  target: string;
  close(): Promise<void>;
}

const AHEAD_MINUTES = 6 * 60;

export async function startExporter(endCounters: Map<Stream, Float64Array>, end: number): Promise<Exporter> {
  const from = end / 60;
  const histories = [...endCounters].map(([stream, counters]) => new StreamHistory(stream, from, from + AHEAD_MINUTES, counters));
  const types = new Map<string, string>();
  for (const h of histories) {
    for (const s of rawSeriesOf(h.stream)) {
      const family = s.name.replace(/_(bucket|count|sum)$/, '');
      types.set(family, family.endsWith('_total') ? 'counter' : 'histogram');
    }
  }
  const render = (): string => {
    const now = Date.now() / 1000;
    if (now > end + AHEAD_MINUTES * 60) throw new Error('the exporter ran past the traffic it computed');
    const byFamily = new Map<string, string[]>();
    for (const h of histories) {
      for (const s of rawSeriesOf(h.stream)) {
        const family = s.name.replace(/_(bucket|count|sum)$/, '');
        const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',');
        const lines = byFamily.get(family) ?? [];
        lines.push(`${s.name}{${labels}} ${Math.floor(h.at(s.quantity, now))}`);
        byFamily.set(family, lines);
      }
    }
    return [...byFamily].map(([family, lines]) => `# TYPE ${family} ${types.get(family)}\n${lines.join('\n')}\n`).join('');
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = render();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
