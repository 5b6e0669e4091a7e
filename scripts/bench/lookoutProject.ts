import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUCKETS, CODES, durationMetric, REGIONS, requestsMetric, ROUTES, servicesOf, type BenchSLO } from './sloSpecs.js';

/** The repository root: the temporary project resolves 'lookout' and its packages from here. */
export const REPO = path.resolve(import.meta.dirname, '../..');

const list = (values: readonly (string | number)[]) => `[${values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')}]`;

function catalogModule(service: string): string {
  return `import { counter, defineMetrics, histogram } from 'lookout';

export const ${service} = defineMetrics({
  job: '${service}',
  metrics: {
    requests: counter({
      name: '${requestsMetric(service)}',
      help: 'Requests answered by ${service}.',
      labels: { route: ${list(ROUTES)}, code: ${list(CODES)}, region: ${list(REGIONS)} },
    }),
    duration: histogram({
      name: '${durationMetric(service)}',
      help: 'Latency of ${service} requests.',
      unit: 'seconds',
      labels: { route: ${list(ROUTES)}, region: ${list(REGIONS)} },
      buckets: ${list(BUCKETS)},
    }),
  },
});
`;
}

function sliOf(slo: BenchSLO): string {
  const route = `route: '${slo.route}'`;
  switch (slo.kind) {
    case 'errors':
      return `ratio({ errors: m.requests.where({ ${route}, code: re('5..') }), total: m.requests.where({ ${route} }) })`;
    case 'good':
      return `ratio({ good: m.requests.where({ ${route}, code: re('2..') }), total: m.requests.where({ ${route} }) })`;
    case 'latency':
      return `latency({ histogram: m.duration, threshold: ${slo.threshold}, where: { ${route} } })`;
  }
}

function sloDefinition(slo: BenchSLO): string {
  const id = slo.name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const groupBy = slo.groupBy.length ? `\n  groupBy: ${list(slo.groupBy)},` : '';
  const what = slo.kind === 'latency' ? `within ${slo.threshold}s` : 'without a server error';
  return `export const ${id} = defineSLO({
  service: '${slo.service}',
  name: '${slo.name}',
  description: '${slo.route} requests are answered ${what}.',
  objective: ${slo.objective},${groupBy}
  sli: ${sliOf(slo)},
  alerting: { name: '${slo.alertName}', labels: { team: '${slo.service}' }, dashboard: '${slo.service}-slo' },
});
`;
}

function sloModule(service: string, slos: readonly BenchSLO[]): string {
  return `import { defineSLO, latency, ratio } from 'lookout';
import { re } from 'lookout/promql';
import { ${service} } from '../catalog/${service}.js';

const m = ${service}.metrics;

${slos.map(sloDefinition).join('\n')}`;
}

/**
 * Writes a lookout project for `slos` into a new folder under `parent`: a catalog per service
 * and one slo/<service>.ts per service (see writeBenchProject).
 */
export function writeLookoutProject(slos: readonly BenchSLO[], evaluationInterval = '1m', parent = os.tmpdir()): string {
  return writeBenchProject({ prefix: `lookout-bench-${slos.length}-`, parent, name: 'bench', services: servicesOf(slos), settings: { scrapeInterval: '15s', evaluationInterval, retention: '35d' }, modules: sloModules(slos) });
}

/** The modules of `slos`: a catalog/<service>.ts and an slo/<service>.ts per service. */
export function sloModules(slos: readonly BenchSLO[]): Record<string, string> {
  const modules: Record<string, string> = {};
  for (const s of servicesOf(slos)) {
    modules[`catalog/${s}.ts`] = catalogModule(s);
    modules[`slo/${s}.ts`] = sloModule(s, slos.filter((x) => x.service === s));
  }
  return modules;
}

/**
 * Writes a benchmark's lookout project into a new folder under `parent` and returns it:
 * `modules` (project-relative path → source), a lookout.config.ts registering the catalog
 * `catalog/<service>.ts` exports for each service with `settings`, and what resolves 'lookout'
 * to this repository's source (a tsconfig extending the repository's, whose `paths` map
 * 'lookout' to src/library, and its node_modules linked).
 */
export function writeBenchProject(o: {
  prefix: string;
  parent: string;
  name: string;
  services: readonly string[];
  settings: Readonly<Record<string, string>>;
  modules: Readonly<Record<string, string>>;
}): string {
  const dir = mkdtempSync(path.join(o.parent, o.prefix));
  const files: Record<string, string> = {
    'package.json': '{ "type": "module", "private": true }\n',
    'tsconfig.json': `{ "extends": ${JSON.stringify(path.join(REPO, 'tsconfig.json'))}, "include": ["**/*.ts"], "exclude": ["node_modules", "generated"] }\n`,
    'lookout.config.ts': `import { defineProject } from 'lookout';
${o.services.map((s) => `import { ${s} } from './catalog/${s}.js';`).join('\n')}

export default defineProject({
  name: '${o.name}',
  catalogs: [${o.services.join(', ')}],
${Object.entries(o.settings)
  .map(([k, v]) => `  ${k}: ${JSON.stringify(v).replaceAll('"', "'")},`)
  .join('\n')}
});
`,
    ...o.modules,
  };
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
