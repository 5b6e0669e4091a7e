/**
 * Which test file runs in which suite. Every file not listed here is a unit test: `npm test`
 * runs it, so it starts no real server. It may run tsc, promtool or amtool (one-shot tools, as
 * `lookout validate` does), spawn the lookout command, or answer its own requests from a stub on
 * 127.0.0.1 (a fake Grafana API, a replica that answers 200), but nothing here starts
 * Prometheus, Alertmanager, the gateway or its mock providers and ledger, a load scenario or
 * Chromium: those are the live tests of `npm run test:live`.
 * test/suites.test.ts holds every test file to this list.
 */

/** The short live check at the end of `npm test`: the generated rules and routing in a real Prometheus and Alertmanager, 60 times faster. */
export const SMOKE = ['test/loadtest/alerting.test.ts'] as const;

/**
 * In `npm run test:live` although they start no server: end to end and slow, they would cost
 * `npm test` a large share of its time for what CI (which runs both) checks anyway.
 */
export const LIVE_WITHOUT_SERVERS = [
  // `npm pack` (which builds dist/ with tsc), `npm install` of the tarball into an empty folder,
  // then init, generate and validate through npx: about 80 s of CPU.
  'test/cli/pack.test.ts',
] as const;

/**
 * `npm run test:corpus`, in neither suite: every broken definition of the mutation corpus
 * through generate and the accepted ones' output through promtool and amtool, about ten
 * minutes of both cores, which would take npm test and test:live together past fifteen. npm
 * test runs two of each kind (test/mutations/corpusSample.test.ts).
 */
export const CORPUS = ['test/mutations/corpus.test.ts'] as const;

/** `npm run test:live` (which runs SMOKE too). */
export const LIVE = [
  ...LIVE_WITHOUT_SERVERS,
  // The gateway stack: the gateway (in this process or its own), the mock providers, the ledger.
  'test/gateway/abandonedStreams.test.ts',
  'test/gateway/auditQueue.test.ts',
  'test/gateway/badInput.test.ts',
  'test/gateway/exposition.test.ts',
  'test/gateway/governance.test.ts',
  'test/gateway/httpEdges.test.ts',
  'test/gateway/ledger.test.ts',
  'test/gateway/lifecycle.test.ts',
  'test/gateway/mock.test.ts',
  'test/gateway/resilience.test.ts',
  'test/gateway/secretsInLogs.test.ts',
  'test/gateway/screening.test.ts',
  'test/gateway/serving.test.ts',
  'test/gateway/spendLimits.test.ts',
  'test/gateway/streaming.test.ts',
  // Load scenarios: two gateway processes, the mocks, Prometheus and Alertmanager.
  'test/loadtest/scenarios.test.ts',
  'test/loadtest/interrupt.test.ts',
  // Prometheus, Alertmanager, Chromium.
  'test/loadtest/prometheusConfig.test.ts',
  'test/loadtest/reportBrowser.test.ts',
  'test/slo/inhibitions.test.ts',
  'test/grafana/checkQueries.test.ts',
  'test/grafana/preview.test.ts',
  'test/grafana/previewRendering.test.ts',
  'test/grafana/previewSynthetic.test.ts',
  'test/grafana/liveGateway.test.ts',
] as const;
