import path from 'node:path';
import { Project as TsProject, QuoteKind, VariableDeclarationKind, type ImportDeclarationStructure, type OptionalKind } from 'ts-morph';
import type { LabelMatcher } from '../../../library/promql/ast.js';
import type { CatalogExport, ProjectCatalog } from './catalogs.js';
import type { MetricRef, SeriesRef } from './catalogSeries.js';
import { sourceQueries, type ImportedAlerting, type ImportedSLO, type ImportedTier } from './model.js';
import { camel } from './names.js';
import { formatPath } from './specFile.js';
import { key, str, uniqueName } from './tsLiterals.js';
import type { PlannedSLI } from './typeSLI.js';

export interface EmittedSLO {
  slo: ImportedSLO;
  sli: PlannedSLI;
  /** The input file the SLO was read from, as the module names it. */
  source: string;
  /** The file of its queries, when another: an SLI the SLO names by reference. */
  querySource?: string | undefined;
}

const MATCHER_HELPERS: Record<LabelMatcher['op'], string | undefined> = { '=': undefined, '!=': 'not', '=~': 're', '!~': 'notRe' };

function record(r: Readonly<Record<string, string>>): string {
  const entries = Object.entries(r);
  return entries.length ? `{ ${entries.map(([k, v]) => `${key(k)}: ${v}`).join(', ')} }` : '{}';
}

function strings(r: Readonly<Record<string, string>>): string {
  return record(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, str(v)])));
}

/** Writes one module: collects the names it must import while it writes the code using them. */
class ModuleWriter {
  readonly lookout = new Set<string>(['defineSLO']);
  /** The matcher helpers (`re`, `not`, `notRe`), which are PromQL's and live in lookout/promql. */
  readonly promql = new Set<string>();
  /** Module specifier → names imported from it. */
  readonly catalogs = new Map<string, Set<string>>();

  constructor(private readonly outDir: string) {}

  private specifier(from: CatalogExport): string {
    if (!path.isAbsolute(from.module)) return from.module;
    const rel = path.relative(this.outDir, from.module).split(path.sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  }

  private metric(ref: MetricRef): string {
    const spec = this.specifier(ref.catalog);
    const names = this.catalogs.get(spec) ?? new Set<string>();
    names.add(ref.catalog.name);
    this.catalogs.set(spec, names);
    const access = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(ref.key) ? `.${ref.key}` : `[${str(ref.key)}]`;
    return `${ref.catalog.name}.metrics${access}`;
  }

  private value(m: LabelMatcher): string {
    const helper = MATCHER_HELPERS[m.op];
    if (!helper) return str(m.value);
    this.promql.add(helper);
    return `${helper}(${str(m.value)})`;
  }

  /** `.where({...})` calls; a label matched twice goes in a second call. */
  private where(matchers: readonly LabelMatcher[]): string[] {
    const calls: Record<string, string>[] = [];
    for (const m of matchers) {
      let call = calls.find((c) => !(m.name in c));
      if (!call) calls.push((call = {}));
      call[m.name] = this.value(m);
    }
    return calls.map(record);
  }

  private series(ref: SeriesRef): string {
    return `${this.metric(ref)}${ref.part ? `.${ref.part}` : ''}${this.where(ref.matchers).map((w) => `.where(${w})`).join('')}`;
  }

  sli(sli: PlannedSLI): string {
    switch (sli.kind) {
      case 'ratio': {
        this.lookout.add('ratio');
        const numerator = sli.errors ? `errors: ${this.series(sli.errors)}` : `good: ${this.series(sli.good!)}`;
        return `ratio({\n${numerator},\ntotal: ${this.series(sli.total)},\n})`;
      }
      case 'latency': {
        this.lookout.add('latency');
        const where = this.where(sli.where)[0];
        return `latency({ histogram: ${this.metric(sli.histogram)}, threshold: ${sli.threshold}${where ? `, where: ${where}` : ''} })`;
      }
      case 'raw':
        this.lookout.add('rawSLI');
        if ('errorRatio' in sli) return `rawSLI({ errorRatio: ${str(sli.errorRatio)} })`;
        return `rawSLI({\nerrors: ${str(sli.errors)},\ntotal: ${str(sli.total)},\n})`;
    }
  }

  imports(): OptionalKind<ImportDeclarationStructure>[] {
    const sorted = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b));
    return [
      { moduleSpecifier: 'lookout', namedImports: sorted(this.lookout) },
      ...(this.promql.size ? [{ moduleSpecifier: 'lookout/promql', namedImports: sorted(this.promql) }] : []),
      ...sorted(this.catalogs.keys()).map((spec) => ({ moduleSpecifier: spec, namedImports: sorted(this.catalogs.get(spec)!) })),
    ];
  }
}

/** A tier of a replacement list, its fields in the order `Tier` declares them. */
function tier(t: ImportedTier): string {
  const fields = [`budgetPercent: ${t.budgetPercent}`, `longWindow: ${str(t.longWindow)}`, `shortWindow: ${str(t.shortWindow)}`, `for: ${str(t.for)}`, `severity: ${str(t.severity)}`];
  if (t.labels && Object.keys(t.labels).length) fields.push(`labels: ${strings(t.labels)}`);
  return `{ ${fields.join(', ')} }`;
}

function alerting(a: ImportedAlerting | false): string {
  if (a === false) return 'false';
  const lines = [`name: ${str(a.name)},`];
  if (Object.keys(a.labels).length) lines.push(`labels: ${strings(a.labels)},`);
  if (Object.keys(a.annotations).length) lines.push(`annotations: ${strings(a.annotations)},`);
  if (a.runbook !== undefined) lines.push(`runbook: ${str(a.runbook)},`);
  if (Array.isArray(a.tiers)) lines.push(`tiers: [\n${a.tiers.map((t) => `${tier(t)},`).join('\n')}\n],`);
  else if (a.tiers) {
    const tiers = Object.entries(a.tiers).map(([w, t]) => `${key(w)}: ${t === false ? 'false' : `{ labels: ${strings(t.labels)} }`},`);
    lines.push(`tiers: {\n${tiers.join('\n')}\n},`);
  }
  return `{\n${lines.join('\n')}\n}`;
}

/** The comment above an SLO: where it came from and the queries as written there. */
function provenance({ slo, sli, source, querySource }: EmittedSLO): string {
  const queries = sourceQueries(slo.sli);
  const from = querySource === undefined ? '' : `, its queries from ${querySource}${queries[0]?.where.prefix ? `, ${queries[0].where.prefix}` : ''}`;
  const lines = [`Imported from ${source}, ${formatPath(slo.where.path, slo.where.prefix)}${from}:`];
  for (const q of queries) {
    const [first, ...rest] = q.original.trim().split('\n');
    lines.push(`  ${q.label}: ${first}`, ...rest.map((l) => `    ${l.trimEnd()}`));
  }
  if ('good' in slo.sli && sli.kind === 'ratio' && sli.errors) lines.push('Bad events are the total\'s that the good query does not match.');
  return lines.map((l) => `// ${l}`.trimEnd()).join('\n');
}

/** Export names: camelCase SLO names, never clashing with each other or with an import. */
function exportNames(slos: readonly ImportedSLO[], taken: Set<string>): string[] {
  return slos.map((slo) => uniqueName(camel(slo.name), taken, 'Slo'));
}

/** The module's first lines: the input files it replaces. */
function header(sources: readonly string[], format: string): string {
  const command = `\`lookout import ${format}\``;
  if (sources.length === 1) return `// SLOs imported from ${sources[0]} by ${command}. From now on this file is\n// the definition: edit it here, not in ${sources[0]}.\n`;
  return `// SLOs imported by ${command} from\n${sources.map((s) => `//   ${s}\n`).join('')}// From now on this file is the definition: edit it here, not in those files.\n`;
}

/**
 * The TypeScript module of imported SLOs: one `export const x = defineSLO({...})` each,
 * under a comment carrying its source, importing catalogs from the modules that export them.
 * Formatted by the TypeScript formatter through ts-morph, so the output is stable.
 */
export function emitModule(options: { slos: readonly EmittedSLO[]; outFile: string; sources: readonly string[]; format: string; catalogs: readonly ProjectCatalog[]; slothCompat?: boolean | undefined }): string {
  const writer = new ModuleWriter(path.dirname(options.outFile));
  const bodies = options.slos.map(({ slo, sli }) => {
    const props = [
      `service: ${str(slo.service)},`,
      `name: ${str(slo.name)},`,
      `description: ${str(slo.description)},`,
      `objective: ${slo.objective},`,
      `period: ${str(slo.period)},`,
    ];
    if (sli.kind !== 'raw' && sli.groupBy.length) props.push(`groupBy: [${sli.groupBy.map(str).join(', ')}],`);
    if (Object.keys(slo.labels).length) props.push(`labels: ${strings(slo.labels)},`);
    props.push(`sli: ${writer.sli(sli)},`, `alerting: ${alerting(slo.alerting)},`);
    if (options.slothCompat) props.push("compat: 'sloth',");
    return `defineSLO({\n${props.join('\n')}\n})`;
  });
  const taken = new Set([...writer.lookout, 're', 'not', 'notRe', 'ratio', 'latency', 'raw', ...options.catalogs.flatMap((c) => (c.from ? [c.from.name] : []))]);
  const names = exportNames(
    options.slos.map((s) => s.slo),
    taken,
  );

  const ts = new TsProject({ useInMemoryFileSystem: true, manipulationSettings: { quoteKind: QuoteKind.Single } });
  const file = ts.createSourceFile('/imported.ts', '');
  file.addImportDeclarations(writer.imports());
  options.slos.forEach((emitted, i) => {
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: names[i]!, initializer: bodies[i]! }],
      // The formatter puts a blank line after the imports; one more goes between SLOs.
      leadingTrivia: `${i > 0 ? '\n' : ''}${provenance(emitted)}\n`,
    });
  });
  file.insertText(0, header(options.sources, options.format));
  file.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  return file.getFullText();
}
