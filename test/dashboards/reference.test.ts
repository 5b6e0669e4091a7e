import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import { describe, expect, it } from 'vitest';
import { dashboardUid } from '../../src/library/dashboards/uid.js';
import { sloDashboardSlug, sloOverviewSlug } from '../../src/library/dashboards/slo.js';
import type { DashboardDefinition } from '../../src/library/dashboards/define.js';
import { isComparison, unwrapParens, type Expr } from '../../src/library/promql/ast.js';
import { parsePromQL } from '../../src/library/promql/parse.js';
import type { SLO } from '../../src/library/slo/define.js';
import * as slos from '../../slo/gateway.js';
import capacity from '../../dashboards/capacity.js';
import cost from '../../dashboards/cost.js';
import executive from '../../dashboards/executive.js';
import reliability from '../../dashboards/reliability.js';
import safety from '../../dashboards/safety.js';
import streaming from '../../dashboards/streaming.js';
import { readGenerated } from '../support/generated.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GATEWAY_DASHBOARDS: DashboardDefinition[] = [executive, reliability, safety, capacity, cost, streaming];

interface RuleEntry {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
type Panel = { title: string; type: string; fieldConfig?: { defaults?: { thresholds?: { steps: { value: number | null; color: string }[] } } } };
type DashboardJson = { uid: string; title: string; schemaVersion: number; panels: Panel[] };

/** The number an alert expression compares with, read from the generated rule text. */
function comparedWith(expr: string): number {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) throw new Error(parsed.error.message);
  let e: Expr = unwrapParens(parsed.expr);
  while (e.type === 'binary' && (e.op === 'and' || e.op === 'unless')) e = unwrapParens(e.lhs);
  if (e.type !== 'binary' || !isComparison(e.op)) throw new Error(`no comparison at the top of ${expr}`);
  const rhs = unwrapParens(e.rhs);
  if (rhs.type === 'number') return rhs.value;
  // An SLO tier: `ratio > (factor * budget)`; the dashboard draws the burn rate against the factor.
  if (rhs.type === 'binary' && rhs.op === '*' && rhs.lhs.type === 'number') return rhs.lhs.value;
  throw new Error(`no number in ${expr}`);
}

// That the definitions generate without a diagnostic and that generated/ (grafana/ included) is
// what generate writes is `npm test`'s `lookout generate --check` step: these read generated/.
describe('the reference project’s dashboards', () => {
  const files: ReadonlyMap<string, string> = readGenerated(ROOT);
  const rules: RuleEntry[] = [...files]
    .filter(([f]) => f.startsWith('prometheus/rules/'))
    .flatMap(([, text]) => (parseYaml(text) as { groups: { rules: RuleEntry[] }[] }).groups.flatMap((g) => g.rules));
  const dashboardJson = (uid: string): DashboardJson => JSON.parse(files.get(`grafana/dashboards/${uid}.json`)!) as DashboardJson;

  it('has the six gateway dashboards with the panels the issue asks for', () => {
    const titles = (d: DashboardDefinition) => dashboardJson(d.uid).panels.map((p) => p.title);
    expect(GATEWAY_DASHBOARDS.map((d) => d.slug)).toEqual(['ai-gateway-executive', 'ai-gateway-reliability', 'ai-gateway-safety', 'ai-gateway-capacity', 'ai-gateway-cost', 'ai-gateway-streaming']);
    expect(titles(executive)).toEqual(expect.arrayContaining(['Requests per day by team', 'Spend per day by team', 'Error budget remaining by SLO']));
    expect(titles(reliability)).toEqual(
      expect.arrayContaining(['Chat success rate', 'Non-streaming chat latency, p95 and p99', 'Provider error rate', 'Circuit state by provider and credential', 'Policy evaluation p99 by policy', 'Guardrail latency p95 by stage']),
    );
    expect(titles(safety)).toEqual(expect.arrayContaining(['Guardrail verdicts per second', 'Block rate by policy']));
    expect(titles(capacity)).toEqual(expect.arrayContaining(['Tokens per second by provider and direction', 'Rate-limit rejections per second by scope and limit', 'Outbox depth and capacity by replica']));
    expect(titles(cost)).toEqual(expect.arrayContaining(['Spend per hour by team', 'Spend per hour by model', 'Live budget checks per second by outcome']));
    expect(titles(streaming)).toEqual(expect.arrayContaining(['Time to first token, p50, p95 and p99', 'Inter-token latency, p50 and p95', 'Streams without usage per second by provider']));
  });

  it('every SLO in slo/ has its own dashboard, and the service an overview', () => {
    const all = Object.values(slos).filter((v): v is SLO => (v as { kind?: string }).kind === 'slo');
    expect(all.length).toBeGreaterThan(0);
    for (const slo of all) {
      const uid = dashboardUid(sloDashboardSlug(slo));
      expect(files.has(`grafana/dashboards/${uid}.json`), slo.name).toBe(true);
      expect(dashboardJson(uid).title).toBe(`SLO: ${slo.service} ${slo.name}`);
    }
    expect(files.has(`grafana/dashboards/${dashboardUid(sloOverviewSlug('ai-gateway'))}.json`)).toBe(true);
  });

  it('a panel that mirrors an alert draws the threshold the generated rule compares with', () => {
    let mirrored = 0;
    for (const d of GATEWAY_DASHBOARDS) {
      const json = dashboardJson(d.uid);
      d.panels.forEach((origin, i) => {
        if (!origin.mirrors) return;
        mirrored++;
        const rule = rules.find((r) => r.alert === origin.mirrors!.alert)!;
        expect(rule, origin.mirrors.alert).toBeDefined();
        const steps = json.panels[i]!.fieldConfig!.defaults!.thresholds!.steps;
        expect(steps.map((s) => s.value), `${d.slug}: ${origin.title}`).toContain(comparedWith(rule.expr));
      });
    }
    expect(mirrored).toBeGreaterThanOrEqual(10);
  });

  it("an SLO dashboard's burn-rate chart draws each tier's factor as compiled into the tier's alert", () => {
    let tiers = 0;
    for (const [file, text] of files) {
      if (!file.startsWith('grafana/dashboards/slo-')) continue;
      const json = JSON.parse(text) as DashboardJson;
      for (const p of json.panels) {
        const m = /^Burn rate over (\S+) and (\S+) against /.exec(p.title);
        if (!m) continue;
        const sloName = json.title.replace(/^SLO: ai-gateway /, '');
        const rule = rules.find((r) => r.alert && r.labels?.slo === sloName && r.labels?.long_window === m[1]);
        expect(rule, `${sloName} ${m[1]}`).toBeDefined();
        expect(p.fieldConfig!.defaults!.thresholds!.steps[1]!.value).toBe(comparedWith(rule!.expr));
        tiers++;
      }
    }
    expect(tiers).toBeGreaterThanOrEqual(8 * 4);
  });

  it("an SLO's headline burn-rate stat turns each tier's colour from that tier's factor up, not only at the fastest tier's", () => {
    let stats = 0;
    for (const [file, text] of files) {
      if (!file.startsWith('grafana/dashboards/slo-')) continue;
      const json = JSON.parse(text) as DashboardJson;
      const stat = json.panels.find((p) => p.type === 'stat' && /^Burn rate over \S+$/.test(p.title));
      if (!stat) continue;
      const sloName = json.title.replace(/^SLO: ai-gateway /, '');
      const tierRules = rules.filter((r) => r.alert && r.labels?.slo === sloName && r.labels?.long_window);
      const steps = stat.fieldConfig!.defaults!.thresholds!.steps;
      const factors = [...new Set(tierRules.map((r) => comparedWith(r.expr)))].sort((a, b) => a - b);
      expect(steps.map((s) => s.value), sloName).toEqual([null, ...factors]);
      // A burn above the slowest page tier's factor but below the fastest's is drawn as a page.
      const slowestPage = Math.min(...tierRules.filter((r) => r.labels?.severity === 'page').map((r) => comparedWith(r.expr)));
      const colourAt = (v: number) => steps.filter((s) => s.value === null || s.value <= v).pop()!.color;
      expect(colourAt(slowestPage + 0.01), sloName).toBe(colourAt(Math.max(...factors) + 1));
      stats++;
    }
    expect(stats).toBeGreaterThanOrEqual(8);
  });

  it("every alert's dashboard_url opens a dashboard the project generates", () => {
    const uids = new Set([...files.keys()].filter((f) => f.startsWith('grafana/dashboards/')).map((f) => path.basename(f, '.json')));
    const urls = rules.flatMap((r) => (r.annotations?.dashboard_url ? [r.annotations.dashboard_url] : []));
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) expect(uids, url).toContain(url.replace('https://grafana.example.com/d/', ''));
  });

  it('writes SDK dashboards: its schemaVersion, sorted keys, the uid in the file name', () => {
    const sorted = (v: unknown): boolean =>
      Array.isArray(v) ? v.every(sorted) : v && typeof v === 'object' ? Object.keys(v).join() === Object.keys(v).sort().join() && Object.values(v).every(sorted) : true;
    for (const [file, text] of files) {
      if (!file.startsWith('grafana/dashboards/')) continue;
      const json = JSON.parse(text) as DashboardJson;
      expect(json.schemaVersion).toBe(sdk.defaultDashboard().schemaVersion);
      expect(path.basename(file)).toBe(`${json.uid}.json`);
      expect(json.uid.length).toBeLessThanOrEqual(40);
      expect(sorted(json), file).toBe(true);
      expect(text.endsWith('}\n')).toBe(true);
    }
  });

  it('provisions the dashboards from files, and labels one ConfigMap per dashboard for the Grafana sidecar', () => {
    const provisioning = parseYaml(files.get('grafana/provisioning/dashboards.yaml')!) as { apiVersion: number; providers: { type: string; options: { path: string } }[] };
    expect(provisioning.apiVersion).toBe(1);
    expect(provisioning.providers).toHaveLength(1);
    expect(provisioning.providers[0]).toMatchObject({ type: 'file', options: { path: expect.stringMatching(/^\//) } });
    const dashboards = [...files.keys()].filter((f) => f.startsWith('grafana/dashboards/'));
    const configMaps = [...files].filter(([f]) => f.startsWith('grafana/kubernetes/'));
    expect(configMaps).toHaveLength(dashboards.length);
    for (const [, text] of configMaps) {
      const cm = parseYaml(text) as { kind: string; metadata: { labels: Record<string, string> }; data: Record<string, string> };
      expect(cm.kind).toBe('ConfigMap');
      expect(cm.metadata.labels.grafana_dashboard).toBe('1');
      const [key, json] = Object.entries(cm.data)[0]!;
      expect(files.get(`grafana/dashboards/${key}`)).toBe(json);
    }
  });
});
