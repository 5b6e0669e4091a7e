import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/integrations/loadtest/report/markdown.js';
import { renderPlot } from '../../src/integrations/loadtest/report/plot.js';
import { writeReportIndex } from '../../src/integrations/loadtest/report/reportIndex.js';
import { summarizeRun, type ScenarioSummary } from '../../src/integrations/loadtest/report/summary.js';
import type { ScenarioRun } from '../../src/integrations/loadtest/report/types.js';
import { renderScenarioReport, writeScenarioReport } from '../../src/integrations/loadtest/report/writeReport.js';
import { FAILING, PASSING, SCALE, T0, at, emptyRun, failingRun, passingRun } from '../fixtures/loadtest/scenarioRuns.js';
import { XmlError, byClass, parseXml, textContent, type XmlElement } from '../fixtures/loadtest/strictXml.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-report-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  if (process.env.LOOKOUT_KEEP_REPORT) console.log(`report files kept in ${dirs.join(', ')}`);
  else for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const num = (el: XmlElement, attr: string) => Number(el.attrs[attr]);

describe('the JSON summary', () => {
  it('passes a run whose expectations are all met, with time to fire from the runner or measured from the notifications', () => {
    const s = summarizeRun(passingRun);
    expect(s.verdict).toBe('pass');
    expect(s.expectations).toMatchObject({ total: 3, met: 3, unmet: 0 });
    const [errorRate, burn, quiet] = s.expectations.rows;
    // The runner's own figure wins when it gave one.
    expect(errorRate!.timeToFireMs).toBe(PASSING.errorRate.runnerTimeToFireMs);
    // Otherwise the first firing notification at the receiver after the phase.
    expect(burn!.timeToFireMs).toBe((PASSING.burn.notified - PASSING.outage) * 1000);
    expect(burn!.timeToFireShippedMs).toBe((PASSING.burn.notified - PASSING.outage) * 1000 * SCALE);
    expect(burn!.firingAfterMs).toBe((PASSING.burn.firing - PASSING.outage) * 1000);
    expect(errorRate!.firingAfterMs).toBe((PASSING.errorRate.firing - PASSING.outage) * 1000);
    expect(burn!.afterAtMs).toBe(PASSING.outage * 1000);
    expect(burn!.alert).toBe('GatewaySLOErrorBudgetBurn{window="1h"}');
    expect(quiet).toMatchObject({ kind: 'quiet', met: true, deliveries: 0, timeToFireMs: null, receiver: null });
    expect(s.falsePages).toEqual([]);
    expect(s.durationMs).toBe(PASSING.end * 1000);
    expect(s.shippedDurationMs).toBe(PASSING.end * 1000 * SCALE);
  });

  it('lists alerts expected, fired (with their transitions) and delivered by receiver', () => {
    const s = summarizeRun(passingRun);
    expect(s.alerts.expected).toEqual(['GatewayHighErrorRate{}', 'GatewaySLOErrorBudgetBurn{window="1h"}']);
    expect(s.alerts.fired.map((f) => [f.alertname, f.pendingAtMs, f.firingAtMs, f.resolvedAtMs, f.expected])).toEqual([
      ['GatewayHighErrorRate', PASSING.errorRate.pending * 1000, PASSING.errorRate.firing * 1000, PASSING.errorRate.resolved * 1000, true],
      ['GatewaySLOErrorBudgetBurn', PASSING.burn.pending * 1000, PASSING.burn.firing * 1000, null, true],
    ]);
    // ALERTS' alertstate label does not split one alert into two instances.
    expect(s.alerts.fired[0]!.labels).toEqual({ severity: 'page', team: 'ai-platform' });
    expect(Object.keys(s.alerts.deliveredByReceiver)).toEqual(['ai-platform-pager', 'ai-platform-slack', 'incident-log']);
    const pager = s.alerts.deliveredByReceiver['ai-platform-pager']!;
    expect(pager).toMatchObject({ notifications: 3, firing: 2, resolved: 1 });
    expect(pager.alerts.map((a) => [a.alert.split('{')[0], a.firing, a.resolved, a.firstAtMs])).toEqual([
      ['GatewayHighErrorRate', 1, 1, PASSING.errorRate.notified * 1000],
      ['GatewaySLOErrorBudgetBurn', 1, 0, PASSING.burn.notified * 1000],
    ]);
    expect(s.requests).toEqual({ total: 3600 + 3400 + 3, byOutcome: { '200': 3600, '502': 3400, error: 3 } });
  });

  it('counts as false pages only firing page deliveries that no fires expectation names', () => {
    const s = summarizeRun(failingRun);
    // GatewayHighErrorRate paged three receivers unexpectedly; the expected GatewayProviderDown page,
    // the unexpected ticket GatewayExcessiveFallback and the resolved notifications are not false pages.
    expect(s.falsePages).toEqual(
      ['ai-platform-pager', 'ai-platform-slack', 'incident-log'].map((receiver) => ({ atMs: FAILING.highError.notified * 1000, receiver, alert: 'GatewayHighErrorRate{severity="page", team="ai-platform"}' })),
    );
    expect(s.verdict).toBe('fail');
    expect(s.expectations).toMatchObject({ total: 3, met: 1, unmet: 2 });
    const [circuit, providerDown, quiet] = s.expectations.rows;
    // Late: measured from the notification even though it missed the deadline.
    expect(circuit!.timeToFireMs).toBe((FAILING.circuit.notified - FAILING.down) * 1000);
    expect(circuit!.timeToFireMs!).toBeGreaterThan(FAILING.circuitDeadlineMs);
    expect(circuit!.met).toBe(false);
    expect(providerDown!.met).toBe(true);
    // The quiet expectation counts the firing notifications that broke it, at any receiver.
    expect(quiet).toMatchObject({ kind: 'quiet', met: false, deliveries: 3 });
    expect(s.alerts.fired.map((f) => f.alertname)).toEqual(['GatewayCircuitOpenTooLong', 'GatewayExcessiveFallback', 'GatewayHighErrorRate', 'GatewayProviderDown']);
  });

  it('fails a run whose expectations are all met when a page went out that none asked for', () => {
    const run: ScenarioRun = { ...failingRun, expectations: failingRun.expectations.map((e) => ({ ...e, met: true })) };
    const s = summarizeRun(run);
    expect(s.expectations.unmet).toBe(0);
    expect(s.falsePages).toHaveLength(3);
    expect(s.verdict).toBe('fail');
    // The same run with the page expected passes.
    const expected: ScenarioRun = { ...run, expectations: [...run.expectations, { kind: 'fires', alertname: 'GatewayHighErrorRate', receiver: 'ai-platform-pager', after: 'provider-a down', withinMs: 60_000, met: true, detail: '' }] };
    expect(summarizeRun(expected).verdict).toBe('pass');
  });

  it('fails a run that lost ledger records, and passes it when the ledger is complete', () => {
    const ledger = { met: false, detail: '99 debit(s) for 100 answered 200', answered: 100, answeredOk: 100, auditEvents: 100, debits: 99, usdGateway: 1, usdLedger: 0.99, duplicates: 0, drainMs: 1200 };
    const lost = summarizeRun({ ...passingRun, ledger });
    expect(lost.expectations.unmet).toBe(0);
    expect(lost.ledger).toEqual(ledger);
    expect(lost.verdict).toBe('fail');
    expect(summarizeRun({ ...passingRun, ledger: { ...ledger, met: true, debits: 100, usdLedger: 1 } }).verdict).toBe('pass');
    expect(summarizeRun(passingRun).ledger).toBeNull();
    const md = renderMarkdown({ ...passingRun, ledger }, lost);
    expect(md).toContain('ledger incomplete.');
    expect(md).toContain('## Ledger after recovery');
    expect(md).toMatch(/\| debits \(one per 200\) \| 100 \| 99 \|/);
    expect(renderMarkdown(passingRun, summarizeRun(passingRun))).not.toContain('## Ledger');
  });

  it('writes the summary and the run as JSON, keys sorted below the top', async () => {
    const dir = tempDir();
    const { files } = await writeScenarioReport(passingRun, dir);
    expect(path.basename(files.json)).toBe('all-providers-failing.json');
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as { summary: ScenarioSummary; run: ScenarioRun };
    expect(json.summary).toEqual(JSON.parse(JSON.stringify(summarizeRun(passingRun))));
    expect(json.run.notifications).toHaveLength(passingRun.notifications.length);
    expect(json.run.startedAt).toBe(T0);
    // The summary comes first for a reader; below the top, keys are sorted.
    expect(Object.keys(json)).toEqual(['generatedBy', 'scenario', 'summary', 'run']);
    const runKeys = Object.keys(json.run);
    expect(runKeys).toEqual([...runKeys].sort());
  });
});

describe('the Markdown summary', () => {
  it('gives the verdict, the expectations with time to fire and detail, deliveries, requests and phases', () => {
    const md = renderMarkdown(passingRun, summarizeRun(passingRun));
    expect(md).toContain('# Scenario `all-providers-failing`: PASS');
    expect(md).toContain('**PASS**: 3/3 expectations met, 0 false pages.');
    expect(md).toContain('![traffic, error ratio and alert states of all-providers-failing](all-providers-failing.svg)');
    const row = md.split('\n').find((l) => l.includes('fires `GatewaySLOErrorBudgetBurn{window="1h"}`'))!;
    expect(row).toMatch(/^\| ✅ yes \| fires .* \| ai-platform-pager \| all providers failing \(\+30 s\) \| 1m 30s \(1h 30m shipped\) \| 38 s \(38m 00s shipped\) \| 25 s \(25m 00s shipped\) \| fast burn tier paged \|$/);
    expect(md).toMatch(/\| ✅ yes \| quiet `GatewayInstanceDown\{\}` \| any \| .* \| 0 firing notifications \| .* both replicas up throughout \|/);
    expect(md).toContain('## Deliveries by receiver');
    expect(md).toMatch(/\| incident-log \| `GatewaySLOErrorBudgetBurn\{severity="page", slo="availability", team="ai-platform", window="1h"\}` \| 1 \| 0 \| \+1m 08s \|/);
    expect(md).toContain('None: every page that went out was expected.');
    expect(md).toMatch(/\| 502 \| 3400 \| 48\.6% \|/);
    expect(md).toMatch(/\| \+2m 00s \| \+2h 00m \| providers back \|/);
  });

  it('names the false pages and the unmet expectations of a failing run, and escapes pipes in details', () => {
    const md = renderMarkdown(failingRun, summarizeRun(failingRun));
    expect(md).toContain('# Scenario `provider-down-fallback`: FAIL');
    expect(md).toContain('**FAIL**: 1/3 expectations met, 3 false pages.');
    expect(md).toMatch(/\| ❌ no \| fires `GatewayCircuitOpenTooLong\{provider="provider-a"\}` \| ai-platform-slack \| .* \| 1m 15s \(1h 15m shipped\) \| .* \| first notification 75 s after the fault \\\| deadline 60 s \|/);
    const falsePages = md.slice(md.indexOf('## False pages'), md.indexOf('## Requests'));
    expect(falsePages.match(/GatewayHighErrorRate/g)).toHaveLength(3);
    expect(falsePages).toContain('| +50 s | incident-log |');
  });
});

describe('the plot', () => {
  const svg = renderPlot(passingRun, summarizeRun(passingRun));
  const doc = parseXml(svg);
  const area = byClass(doc, 'plot-area')[0]!;
  const x0 = num(area, 'x');
  const width = num(area, 'width');
  const xAt = (seconds: number) => x0 + (width * seconds) / PASSING.end;

  it('is well-formed XML with an svg root 1200 px wide, titled with the scenario and verdict', () => {
    expect(doc.name).toBe('svg');
    expect(doc.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(doc.attrs.width).toBe('1200');
    expect(doc.attrs['data-verdict']).toBe('pass');
    const title = doc.children.find((c) => c.name === 'text')!;
    expect(textContent(title)).toBe('Scenario all-providers-failing: PASS');
    // The strict reader does reject what a browser would.
    expect(() => parseXml(svg.replace('</svg>', ''))).toThrow(XmlError);
    expect(() => parseXml(svg.replace('Scenario all', 'Scenario & all'))).toThrow(XmlError);
  });

  it('shares one time axis: three panels with the same x range', () => {
    const areas = byClass(doc, 'plot-area');
    expect(areas).toHaveLength(3);
    for (const a of areas) expect([num(a, 'x'), num(a, 'width')]).toEqual([x0, width]);
    expect(byClass(doc, 'panel').map((p) => p.attrs['data-panel'])).toEqual(['traffic', 'errors', 'alerts']);
    const traffic = byClass(doc, 'series').find((s) => s.attrs['data-series'] === 'traffic')!;
    expect(num(traffic, 'data-points')).toBe(passingRun.samples.length);
  });

  it('draws one bar per alert interval, pending and firing apart, at x proportional to time', () => {
    const bars = byClass(doc, 'alert-bar');
    expect(bars).toHaveLength(passingRun.alertStates.length);
    const colors = new Map(bars.map((b) => [b.attrs['data-state'], b.attrs.fill]));
    expect(colors.size).toBe(2);
    for (const s of passingRun.alertStates) {
      const from = (s.from - T0) / 1000;
      const to = ((s.to ?? at(PASSING.end)) - T0) / 1000;
      const bar = bars.find((b) => Number(b.attrs['data-from']) === from && b.attrs['data-state'] === s.state)!;
      expect(bar, `${s.alertname} ${s.state} from ${from}`).toBeDefined();
      expect(num(bar, 'x')).toBeCloseTo(xAt(from), 0);
      expect(num(bar, 'x') + num(bar, 'width')).toBeCloseTo(xAt(to), 0);
      expect(bar.attrs['data-open']).toBe(s.to === undefined ? 'true' : 'false');
    }
    // One row per alert instance, whatever its alertstate label said.
    expect(byClass(doc, 'alert-row').map((r) => r.attrs['data-alert'])).toEqual(['GatewayHighErrorRate{severity="page", team="ai-platform"}', 'GatewaySLOErrorBudgetBurn{severity="page", slo="availability", team="ai-platform", window="1h"}']);
  });

  it('marks each phase with a dashed line and its label', () => {
    const phases = byClass(doc, 'phase');
    expect(phases.map((p) => p.attrs['data-label'])).toEqual(['all providers failing', 'providers back']);
    for (const [i, seconds] of [PASSING.outage, PASSING.recovery].entries()) {
      const mark = byClass(phases[i]!, 'phase-mark')[0]!;
      expect(num(mark, 'x1')).toBeCloseTo(xAt(seconds), 0);
      expect(mark.attrs['stroke-dasharray']).toBeTruthy();
      expect(num(mark, 'y2') - num(mark, 'y1')).toBeGreaterThan(300);
      expect(textContent(byClass(phases[i]!, 'phase-label')[0]!)).toBe(passingRun.phases[i]!.label);
    }
  });

  it('ticks every delivered notification at its time, colored by receiver, with a legend entry per receiver', () => {
    const ticks = byClass(doc, 'delivery');
    expect(ticks).toHaveLength(passingRun.notifications.length);
    for (const t of ticks) expect(num(t, 'x1')).toBeCloseTo(xAt(Number(t.attrs['data-at'])), 0);
    const byReceiver = new Map<string, Set<string>>();
    for (const t of ticks) byReceiver.set(t.attrs['data-receiver']!, (byReceiver.get(t.attrs['data-receiver']!) ?? new Set()).add(t.attrs.stroke!));
    expect([...byReceiver.keys()].sort()).toEqual(['ai-platform-pager', 'ai-platform-slack', 'incident-log']);
    for (const colors of byReceiver.values()) expect(colors.size).toBe(1);
    expect(new Set([...byReceiver.values()].map((c) => [...c][0])).size).toBe(3);
    const legend = byClass(doc, 'legend-item').map(textContent);
    expect(legend).toEqual(['requests/s', '5xx ratio', 'pending', 'firing', 'phase', 'deadline', 'notified ai-platform-pager', 'notified ai-platform-slack', 'notified incident-log']);
  });

  it('labels the time axis in real seconds and in shipped time', () => {
    const axis = byClass(doc, 'time-axis')[0]!;
    const labels = axis.children.filter((c) => c.name === 'text').map(textContent);
    expect(labels).toContain('60s');
    expect(labels).toContain('1h');
    expect(labels).toContain(`shipped time (×${SCALE})`);
    for (const tick of byClass(axis, 'time-tick')) expect(num(tick, 'x1')).toBeCloseTo(xAt(Number(tick.attrs['data-seconds'])), 0);
  });

  it('shows the unexpected page of a failing run in red and the verdict FAIL', () => {
    const failing = parseXml(renderPlot(failingRun, summarizeRun(failingRun)));
    expect(failing.attrs['data-verdict']).toBe('fail');
    expect(textContent(byClass(failing, 'verdict')[0]!)).toBe('FAIL');
    const rows = byClass(failing, 'alert-row');
    const red = rows.filter((r) => r.children.some((c) => c.name === 'text' && c.attrs.fill === '#C4162A')).map((r) => r.attrs['data-alert']!.split('{')[0]);
    expect(red).toEqual(['GatewayHighErrorRate']);
  });

  it('still renders a run with no samples, no alerts, no phases and no notifications', () => {
    const empty = parseXml(renderPlot(emptyRun, summarizeRun(emptyRun)));
    expect(byClass(empty, 'plot-area')).toHaveLength(3);
    expect(byClass(empty, 'empty').map(textContent)).toEqual(['no samples', 'no samples', 'no alert was pending or firing, no notification was sent']);
    expect(byClass(empty, 'alert-bar')).toEqual([]);
    const quiet: ScenarioRun = { ...passingRun, alertStates: [], notifications: [], expectations: [] };
    const q = parseXml(renderPlot(quiet, summarizeRun(quiet)));
    expect(byClass(q, 'series')).toHaveLength(2);
    expect(byClass(q, 'empty').map(textContent)).toEqual(['no alert was pending or firing, no notification was sent']);
    const md = renderMarkdown(emptyRun, summarizeRun(emptyRun));
    expect(md).toContain('None: this scenario demanded nothing.');
    expect(md).toContain('No notification was delivered.');
  });
});

describe('writing the report', () => {
  it('writes json, md and svg, byte-identical across two writes and two directories, with no temp files left', async () => {
    const a = tempDir();
    const b = tempDir();
    await writeScenarioReport(failingRun, a);
    const first = Object.fromEntries(readdirSync(a).map((f) => [f, readFileSync(path.join(a, f))]));
    await writeScenarioReport(failingRun, a);
    await writeScenarioReport(structuredClone(failingRun), b);
    expect(readdirSync(a).sort()).toEqual(['provider-down-fallback.json', 'provider-down-fallback.md', 'provider-down-fallback.svg']);
    for (const f of readdirSync(a)) {
      expect(readFileSync(path.join(a, f)).equals(first[f]!), f).toBe(true);
      expect(readFileSync(path.join(b, f)).equals(first[f]!), f).toBe(true);
    }
    // Key order of the input does not change a byte of the JSON.
    const reordered = Object.fromEntries(Object.entries(failingRun).reverse()) as unknown as ScenarioRun;
    expect(renderScenarioReport(reordered).json).toBe(first['provider-down-fallback.json']!.toString('utf8'));
  });

  it('writes a run with nothing recorded', async () => {
    const dir = tempDir();
    const { files, summary } = await writeScenarioReport(emptyRun, dir);
    expect(summary).toMatchObject({ verdict: 'pass', durationMs: 0, falsePages: [], requests: { total: 0, byOutcome: {} } });
    for (const f of Object.values(files)) expect(statSync(f).size).toBeGreaterThan(100);
    parseXml(readFileSync(files.svg, 'utf8'));
  });

  it('writes an index with one line per scenario, in run order, linking its md and svg', async () => {
    const dir = tempDir();
    const file = await writeReportIndex([passingRun, failingRun, emptyRun], dir);
    const index = readFileSync(file, 'utf8');
    expect(index).toContain('**2/3 scenarios passed.**');
    const rows = index.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Scenario'));
    expect(rows).toEqual([
      '| all-providers-failing | ✅ PASS | 3/3 | 0 | [all-providers-failing.md](all-providers-failing.md) | [all-providers-failing.svg](all-providers-failing.svg) |',
      '| provider-down-fallback | ❌ FAIL | 1/3 | 3 | [provider-down-fallback.md](provider-down-fallback.md) | [provider-down-fallback.svg](provider-down-fallback.svg) |',
      '| empty | ✅ PASS | 0/0 | 0 | [empty.md](empty.md) | [empty.svg](empty.svg) |',
    ]);
  });
});
