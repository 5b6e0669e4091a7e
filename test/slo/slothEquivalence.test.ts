import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slothGroups, slothRuleFile } from '../../scripts/bench/slothRules.js';
import type { BenchSLO } from '../../scripts/bench/sloSpecs.js';
import { groupsYaml, ruleFile, ruleGroupsData } from '../../src/engine/compiler/emit/ruleFile.js';
import { toYaml } from '../../src/engine/compiler/emit/yaml.js';
import { PROMTOOL, runTool } from '../../src/engine/compiler/tools.js';
import { durationMs } from '../../src/library/duration.js';
import { defineProject } from '../../src/library/project.js';
import { compileSLO } from '../../src/library/slo/compile.js';
import type { SLO } from '../../src/library/slo/define.js';
import { burnFactor, DEFAULT_TIERS } from '../../src/library/slo/tiers.js';
import { shop } from '../fixtures/mini/metrics.js';
import { checkout } from '../fixtures/slothCompat/slo/checkout.js';
import { TIMEOUT } from '../support/timeouts.js';

/**
 * Issue 18: on the same input series, lookout's burn-rate alerts fire in exactly the scenarios
 * Sloth's fire in, by severity, later only by each tier's `for`. One spec (errors over total,
 * 99.9% over 30 days) compiled three ways: Sloth's rules (scripts/bench/slothRules.ts, in the
 * shape of Sloth's generated files), lookout's default rules and lookout's Sloth-compatible
 * rules. Each scenario holds one burn rate for three days; promtool checks, per rule set, which
 * severities fired at some point and when each first fired. Groups are evaluated in dependency
 * order, recordings first, so neither rule set pays a step of lag the other does not.
 */

/**
 * promtool's cost is per evaluation step (about 3 ms for any of these rule sets, whatever the
 * windows), so three days are evaluated every 15 minutes: 288 steps a scenario. A burn held
 * constant gives every window the same ratio, so the coarse clock changes no verdict, only
 * when within 15 minutes an alert is seen.
 */
const EVAL = '15m';
const DAYS3 = '3d';
const PER_MINUTE = 1000;

/** The burn, as a multiple of the rate that spends the 30d budget exactly, and what fires (per the issue). */
const SCENARIOS = [
  { name: 'outage', burn: 1000, fires: ['page', 'ticket'] },
  { name: '20x', burn: 20, fires: ['page', 'ticket'] },
  { name: '7x', burn: 7, fires: ['page', 'ticket'] },
  { name: '2x', burn: 2, fires: ['ticket'] },
  { name: '1.2x', burn: 1.2, fires: ['ticket'] },
  { name: 'healthy', burn: 0.5, fires: [] },
] as const;

/**
 * When a severity first fires under a burn held from the first scrape: Sloth's rules have no
 * `for`, so at the first evaluation with two samples in the 5m window; lookout's at the first
 * evaluation after that plus the shortest `for` of the severity's tiers the burn exceeds.
 */
function firstFiring(burn: number, severity: string, withFor: boolean): number {
  const evalS = durationMs(EVAL) / 1000;
  if (!withFor) return evalS;
  const fors = DEFAULT_TIERS.filter((t) => t.severity === severity && burn > burnFactor(t, '30d')).map((t) => durationMs(t.for) / 1000);
  return Math.ceil((evalS + Math.min(...fors)) / evalS) * evalS;
}

/** One test group per scenario: 1,000 requests a minute for three days, `burn` × 0.1% of them failing. */
function testFile(rules: string, groupOrder: readonly string[], severityLabel: string, withFor: boolean): string {
  const minutes = durationMs(DAYS3) / 60_000;
  const tests = SCENARIOS.map((s) => {
    const errors = Math.min(PER_MINUTE, (s.burn * PER_MINUTE) / 1000);
    const series = (code: string, perMinute: number) => ({
      series: `shop_requests_total{code="${code}", instance="host-a:9090", job="shop", route="checkout"}`,
      values: `0+${perMinute}x${minutes}`,
    });
    const fired = `max_over_time(ALERTS{alertstate="firing"}[${DAYS3}])`;
    return {
      name: `${s.name}: ${s.fires.join(' and ') || 'nothing'} fires`,
      interval: '1m',
      input_series: [series('500', errors), series('200', PER_MINUTE - errors)],
      promql_expr_test: [
        {
          expr: `max by (sev) (label_replace(${fired}, "sev", "$1", "${severityLabel}", "(.+)"))`,
          eval_time: DAYS3,
          exp_samples: s.fires.map((sev) => ({ labels: `{sev="${sev}"}`, value: 1 })),
        },
        ...s.fires.map((sev) => ({
          expr: `min(min_over_time(timestamp(ALERTS{alertstate="firing", ${severityLabel}="${sev}"})[${DAYS3}:${EVAL}]))`,
          eval_time: DAYS3,
          exp_samples: [{ labels: '{}', value: firstFiring(s.burn, sev, withFor) }],
        })),
      ],
    };
  });
  // Without an order promtool evaluates the groups in Go's map order, which changes run to run.
  return toYaml({ rule_files: [rules], evaluation_interval: EVAL, group_eval_order: groupOrder, tests });
}

const SLOTH_SPEC: BenchSLO = { service: 'shop', name: 'checkout-availability', route: 'checkout', kind: 'errors', objective: 99.9, groupBy: [], alertName: 'ShopCheckoutAvailability' };

/** A rule file and its groups in dependency order: recordings before the alerts that read them. */
interface RuleSet {
  file: string;
  groups: string[];
}

function lookoutRules(slo: SLO): RuleSet {
  const project = defineProject({ name: 'shop', catalogs: [shop], evaluationInterval: '1m' });
  const groups = compileSLO(slo, project).groups;
  return { file: ruleFile(groupsYaml(ruleGroupsData(groups, project)), 'slo/checkout.ts'), groups: groups.map((g) => g.name) };
}

describe("lookout's burn-rate alerts and Sloth's, on the same series", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-sloth-eq-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fire the same severities in the same scenarios, lookout later by its tiers\' for', async () => {
    const sets: { name: string; rules: RuleSet; severityLabel: string; withFor: boolean }[] = [
      { name: 'sloth', rules: { file: slothRuleFile([SLOTH_SPEC]), groups: slothGroups(SLOTH_SPEC).map((g) => g.name) }, severityLabel: 'sloth_severity', withFor: false },
      { name: 'lookout', rules: lookoutRules(checkout), severityLabel: 'severity', withFor: true },
      // Sloth-compatible output: its alerts carry sloth_severity, so Sloth's own query applies.
      { name: 'lookout-compat', rules: lookoutRules({ ...checkout, compat: 'sloth' }), severityLabel: 'sloth_severity', withFor: true },
    ];
    for (const set of sets) {
      writeFileSync(path.join(dir, `${set.name}.rules.yml`), set.rules.file);
      writeFileSync(path.join(dir, `${set.name}.test.yml`), testFile(`${set.name}.rules.yml`, set.rules.groups, set.severityLabel, set.withFor));
    }
    const run = await runTool(PROMTOOL, ['test', 'rules', ...sets.map((set) => `${set.name}.test.yml`)], dir);
    expect(run.output).not.toContain('FAILED');
    expect(run.output.match(/SUCCESS/g)).toHaveLength(3);
    expect(run.ok).toBe(true);
  }, TIMEOUT.tools);
});
