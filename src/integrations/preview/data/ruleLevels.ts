/**
 * The project's rules in the order they can be backfilled. A recording rule evaluated over the
 * past against the data a Prometheus already has sees another rule's output only once that
 * output is in the TSDB, so rules are split into levels (level 1 reads only scraped series,
 * level 2 reads level 1, ...) backfilled one after another. An alerting rule becomes
 * recordings of the `ALERTS` series Prometheus would write, so panels that show firing
 * alerts have them too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../../../library/duration.js';

interface RuleText {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
}

interface GroupText {
  name: string;
  interval?: string;
  rules: RuleText[];
}

/** A recording rule with the group it is evaluated in. */
export interface Recording {
  group: string;
  interval: string;
  record: string;
  expr: string;
  labels: Record<string, string>;
}

/** The rule files a generated prometheus.yml lists, resolved next to it. */
export async function ruleFilesOf(configFile: string): Promise<{ files: string[]; scrapeInterval?: string; evaluationInterval?: string }> {
  const config = parseYaml(await readFile(configFile, 'utf8')) as { global?: { scrape_interval?: string; evaluation_interval?: string }; rule_files?: string[] } | null;
  const files = (config?.rule_files ?? []).map((f) => path.resolve(path.dirname(configFile), f));
  return { files, scrapeInterval: config?.global?.scrape_interval, evaluationInterval: config?.global?.evaluation_interval };
}

/**
 * The `ALERTS` recordings of one alert: firing where its condition held at every evaluation
 * of the last `for`, pending where it holds now but not yet that long.
 */
function alertRecordings(rule: RuleText, group: string, interval: string): Recording[] {
  const holds = `((${rule.expr}) * 0 + 1)`;
  const forMs = rule.for ? (parseDuration(rule.for) ?? 0) : 0;
  const stepMs = parseDuration(interval) ?? 60_000;
  const evaluations = Math.floor(forMs / stepMs);
  const firing = evaluations > 1 ? `(count_over_time(${holds}[${rule.for}:${interval}]) >= ${evaluations}) * 0 + 1` : holds;
  const labels = { ...(rule.labels ?? {}), alertname: rule.alert! };
  const out: Recording[] = [{ group, interval, record: 'ALERTS', expr: firing, labels: { ...labels, alertstate: 'firing' } }];
  if (evaluations > 1) out.push({ group, interval, record: 'ALERTS', expr: `${holds} unless (${firing})`, labels: { ...labels, alertstate: 'pending' } });
  return out;
}

/** Every recording rule of the files, alerts included as `ALERTS` recordings. */
export async function readRecordings(files: readonly string[], defaultInterval: string): Promise<Recording[]> {
  const out: Recording[] = [];
  for (const file of files) {
    const doc = parseYaml(await readFile(file, 'utf8')) as { groups?: GroupText[] } | null;
    for (const g of doc?.groups ?? []) {
      const interval = g.interval ?? defaultInterval;
      for (const r of g.rules ?? []) {
        if (r.record) out.push({ group: g.name, interval, record: r.record, expr: r.expr, labels: r.labels ?? {} });
        else if (r.alert) out.push(...alertRecordings(r, g.name, interval));
      }
    }
  }
  return out;
}

const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;

/**
 * The recordings in the order they can be backfilled: level N reads only scraped series and
 * the outputs of levels below N. A rule caught in a cycle (Prometheus itself would only ever
 * show it one evaluation late) is put in the last level.
 */
export function levels(recordings: readonly Recording[]): Recording[][] {
  const recorded = new Set(recordings.map((r) => r.record));
  const reads = recordings.map((r) => new Set([...r.expr.matchAll(NAME)].map((m) => m[0]).filter((n) => recorded.has(n))));
  const levelOf = new Map<string, number>();
  const assigned = new Array<number>(recordings.length).fill(0);
  for (let pass = 0; pass <= recordings.length; pass++) {
    let changed = false;
    recordings.forEach((r, i) => {
      if (assigned[i]) return;
      const deps = [...reads[i]!];
      // A name is ready when every rule recording it has a level.
      const ready = deps.every((d) => recordings.every((o, j) => o.record !== d || assigned[j]));
      if (!ready) return;
      assigned[i] = 1 + Math.max(0, ...deps.map((d) => levelOf.get(d) ?? 0));
      levelOf.set(r.record, Math.max(levelOf.get(r.record) ?? 0, assigned[i]!));
      changed = true;
    });
    if (!changed) break;
  }
  const last = Math.max(1, ...assigned) + (assigned.some((a) => a === 0) ? 1 : 0);
  const out: Recording[][] = Array.from({ length: last }, () => []);
  recordings.forEach((r, i) => out[(assigned[i] || last) - 1]!.push(r));
  return out.filter((l) => l.length > 0);
}
