import { defineProject } from 'lookout';
import { gateway } from './src/integrations/gateway/metrics.js';

/** The reference project: lookout's own gateway, monitored with lookout. */
export default defineProject({
  name: 'ai-gateway',
  catalogs: [gateway],
  scrapeInterval: '15s',
  evaluationInterval: '30s',
  retention: '35d',
  runbookBaseUrl: 'https://runbooks.example.com/ai-gateway',
  grafanaUrl: 'https://grafana.example.com',
  // What generated/prometheus/prometheus.yml scrapes and alerts to; the load tests start their own.
  scrapeTargets: { 'ai-gateway': ['localhost:8080'] },
  alertmanagers: ['localhost:9093'],
  // What `lookout lint` proves records every catalog metric; the mock providers and the fake
  // control-plane ledger are test backends with no catalog metrics of their own.
  services: [{ catalog: gateway, sources: ['src/integrations/gateway'], exclude: ['src/integrations/gateway/mock', 'src/integrations/gateway/ledger'] }],
});
