import { describe, expect, it } from 'vitest';
import type { GatewayBenchResult } from '../../scripts/bench/gateway/report.js';
import type { PromtoolSuiteResult } from '../../scripts/bench/promtoolSuite.js';
import { renderSummary, summaryRows } from '../../scripts/bench/suiteReport.js';

const suite = (o: Partial<PromtoolSuiteResult> = {}): PromtoolSuiteResult => ({
  name: 'reference',
  command: 'promtool test rules generated/prometheus/tests/*.yml',
  cwd: '/repo',
  promtool: 'promtool',
  shape: { testFiles: 4, testCases: 8, ruleFiles: 4, alertRules: 4 },
  runSeconds: [2, 1],
  bestSeconds: 1,
  medianSeconds: 1.5,
  perTestFileMs: 250,
  perTestCaseMs: 125,
  perAlertMs: 250,
  ...o,
});

describe('summaryRows', () => {
  it('keeps a failed part as one row with the first line of its message, next to the parts that ran', () => {
    const rows = summaryRows({ slo: { failed: 'prometheus did not start\nits log: ...' }, promtool: { reference: suite() } });
    expect(rows[0]).toMatchObject({ part: 'slo', measure: 'FAILED', figure: 'prometheus did not start' });
    expect(rows.slice(1).every((r) => r.part === 'promtool')).toBe(true);
  });

  it('adds the one-call over per-file row only when each file was also run alone', () => {
    expect(summaryRows({ promtool: { reference: suite() } })).toHaveLength(1);
    const separate = { files: [{ file: 'a.test.yml', seconds: 4 }], totalSeconds: 4, oneCallOverSeparate: 0.25 };
    const rows = summaryRows({ promtool: { reference: suite({ separate }), alerts: suite({ name: '10 alerts' }) } });
    expect(rows.map((r) => r.measure.split(' suite')[0])).toEqual(['reference', 'reference', '10 alerts']);
    expect(rows[1]!.figure).toContain('0.25x');
  });

  it("splits each gateway goal into what is measured and the criterion, with the benchmark's own verdict", () => {
    const target = { rps: 1000 };
    const gateway = {
      closedLoop: { targets: { direct: target, passthrough: target, gateway: target, 'gateway-metrics-off': target } },
      passthroughAtGatewayRate: { gatewayUsPerRequest: 60, passthroughUsPerRequest: 40, gatewayOwnUsPerRequest: 20 },
      goals: [
        { goal: 'throughput: gateway ≥ 75% of the passthrough proxy', measured: '56.0%', pass: false },
        { goal: '/metrics: p99 ≤ 50 ms', measured: '20 ms', pass: true },
      ],
      warnings: ['closed loop, direct: 1.01 cores were busy outside the benchmark'],
    } as unknown as GatewayBenchResult;
    const goals = summaryRows({ gateway }).filter((r) => r.goal);
    expect(goals).toEqual([
      { part: 'gateway', measure: 'throughput', figure: '56.0%', goal: 'gateway ≥ 75% of the passthrough proxy', verdict: 'missed' },
      { part: 'gateway', measure: '/metrics', figure: '20 ms', goal: 'p99 ≤ 50 ms', verdict: 'met' },
    ]);
    expect(summaryRows({ gateway }).at(-1)).toMatchObject({ measure: 'warnings', figure: expect.stringMatching(/^1 /) });
  });
});

describe('renderSummary', () => {
  it('writes one Markdown row per figure and escapes the pipes inside cells', () => {
    const rows = summaryRows({ promtool: { reference: suite({ command: 'a | b' }) } });
    const lines = renderSummary(rows).split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[2]).toContain('a \\| b');
    expect(lines[2]!.split(/(?<!\\)\|/)).toHaveLength(7);
  });
});
