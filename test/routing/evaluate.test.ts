import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { defineRouting, discard, type Route } from '../../src/library/index.js';
import { not, notRe, re } from '../../src/library/promql.js';
import { routeAlert } from '../../src/library/routing/evaluate.js';
import { alertmanagerConfig } from '../../src/engine/compiler/emit/alertmanagerConfig.js';
import { TIMEOUT } from '../support/timeouts.js';
import { goSemantics } from '../../src/engine/compiler/semantics.js';

// A small deterministic generator (mulberry32): the same trees every run.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN: Record<string, string[]> = { severity: ['page', 'ticket', ''], team: ['a', 'b', ''], svc: ['x', 'y', ''] };
const RECEIVERS = ['r0', 'r1', 'r2', 'r3'] as const;
type TestRoute = Route<(typeof RECEIVERS)[number], never>;

function randomTree(next: () => number, depth: number): TestRoute[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const count = depth === 0 ? 0 : Math.floor(next() * 3) + (depth === 3 ? 1 : 0);
  return Array.from({ length: count }, () => {
    const label = pick(Object.keys(DOMAIN));
    const value = pick(DOMAIN[label]!.filter((v) => v !== ''));
    const matcher = pick([value, not(value), re(`${value}|z`), notRe(`${value}.*`), [value, 'q']] as const);
    const route: TestRoute = { matchers: { [label]: matcher } };
    if (next() < 0.7) route.receiver = pick(RECEIVERS);
    if (next() < 0.4) route.continue = true;
    const children = randomTree(next, depth - 1);
    if (children.length > 0) route.routes = children;
    return route;
  });
}

function labelSets(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const severity of DOMAIN.severity!) {
    for (const team of DOMAIN.team!) {
      for (const svc of DOMAIN.svc!) {
        const l: Record<string, string> = { alertname: 'A' };
        if (severity) l.severity = severity;
        if (team) l.team = team;
        if (svc) l.svc = svc;
        out.push(l);
      }
    }
  }
  return out;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-routes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('route evaluation', () => {
  it('sends every label set where Alertmanager (amtool 0.25) sends it, over 12 generated trees', async () => {
    const next = rng(20261123);
    let compared = 0;
    const outcomes = new Set<string>();
    for (let t = 0; t < 12; t++) {
      const routing = defineRouting({
        receivers: RECEIVERS.map((name) => discard({ name, severities: ['page'] })),
        route: { receiver: 'r0', routes: randomTree(next, 3) },
      });
      const file = path.join(dir, `tree-${t}.yml`);
      writeFileSync(file, alertmanagerConfig(routing, [], 'test'));
      const results = await Promise.all(
        labelSets().map(async (labels) => {
          const args = ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
          const r = await execa('amtool', args, { reject: false });
          return { labels, amtool: r.stdout.trim(), lookout: routeAlert(routing.route, labels, goSemantics.regexps).map((m) => m.receiver).join(',') };
        }),
      );
      for (const r of results) expect(r.lookout, `tree ${t}, labels ${JSON.stringify(r.labels)}`).toBe(r.amtool);
      compared += results.length;
      for (const r of results) outcomes.add(r.amtool);
    }
    expect(compared).toBe(12 * 27);
    // The trees exercise inheritance, continue and fall-through, not one answer everywhere.
    expect(outcomes.size).toBeGreaterThanOrEqual(8);
    expect([...outcomes].some((o) => o.includes(','))).toBe(true);
  }, TIMEOUT.tools);
});
