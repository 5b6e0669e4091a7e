import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Project as TsProject, QuoteKind } from 'ts-morph';
import { prometheusBuiltins } from '../../../library/catalog/builtin.js';
import { checkCatalogs } from '../../../library/catalog/checks/index.js';
import { counter, defineMetrics, gauge, histogram, type Catalog } from '../../../library/catalog/define.js';
import type { AnyMetric } from '../../../library/catalog/metric.js';
import { MetricIndex } from '../../../library/catalog/metricIndex.js';
import { hasErrors, type Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { kebab } from '../../../library/text.js';
import { relative } from '../paths.js';
import type { ProjectCatalog } from './catalogs.js';
import { registerCatalogs } from './registerCatalogs.js';
import { fileProblem, IMPORT_CODES } from './specFile.js';
import { catalogCode, catalogImports, type CatalogPlan, type PlannedMetric } from './undeclared.js';
import { writeFileAtomic } from './write.js';

/** What `--write-catalog` will write, prepared and checked before anything is. */
export interface CatalogWrite {
  /** The catalog module, absolute. */
  file: string;
  content: string;
  config: { file: string; before: string; after: string };
  /** The new catalogs as the SLIs are typed against them, exported from `file`. */
  catalogs: ProjectCatalog[];
  /** Their export names, for what the command prints. */
  exports: string[];
}

/** The planned metric as the catalog declaration it stands for, to check and type against. */
function metricOf(m: PlannedMetric): AnyMetric {
  const info = { name: m.name, help: m.help, unit: m.unit, labels: m.labels };
  if (m.kind === 'histogram') return histogram({ ...info, buckets: m.buckets ?? [] });
  if (m.kind === 'gauge') return gauge(info);
  return counter({ ...info, ...(m.exporterName ? { exporterName: { reason: m.exporterName } } : {}) });
}

/** The module's text, formatted like the SLO modules the import writes. */
function moduleText(plan: CatalogPlan, format: string): string {
  const header = [
    `// Metrics the SLOs of ${plan.source} read, declared by \`lookout import ${format} --write-catalog\`.`,
    '// Names and labels are those the queries use; label values are ones the generated tests can',
    "// drive, and buckets the client libraries' defaults plus the SLIs' thresholds: check them",
    "// against the exporter's /metrics and edit this file, it is yours now.",
  ].join('\n');
  const body = plan.catalogs.map((c) => catalogCode(c)).join('\n\n');
  const ts = new TsProject({ useInMemoryFileSystem: true, manipulationSettings: { quoteKind: QuoteKind.Single } });
  const file = ts.createSourceFile('/catalog.ts', `${header}\nimport { ${catalogImports(plan.catalogs).join(', ')} } from 'lookout';\n\n${body}\n`);
  file.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  return file.getFullText();
}

/**
 * Prepares `--write-catalog`: the module declaring what `plan` holds, the config listing it,
 * and the catalogs to type the SLIs against, or the diagnostics saying why not (the module
 * exists, the config cannot be edited safely, a declaration fails the catalog checks, which
 * an exporter's name can: only the `_total` suffix has an opt-out). Nothing is written here.
 */
export async function prepareCatalogWrite(options: {
  plan: CatalogPlan;
  file: string;
  configFile: string;
  existing: readonly ProjectCatalog[];
  force: boolean;
  format: string;
}): Promise<CatalogWrite | Diagnostic[]> {
  const { plan, file, configFile } = options;
  const display = relative(process.cwd(), file);
  const configDisplay = relative(process.cwd(), configFile);
  if (!/\.m?ts$/.test(file) || /\.d\.m?ts$/.test(file)) return [fileProblem(IMPORT_CODES.output, display, 'the catalog must be a TypeScript module (.ts)')];
  if (!options.force && existsSync(file)) return [fileProblem(IMPORT_CODES.output, display, 'already exists; nothing was written', 'pass --force to replace it, or --write-catalog <file> to write another')];

  const catalogs: Catalog[] = plan.catalogs.map((c) => {
    const metrics = Object.fromEntries(c.metrics.map((m) => [m.key, metricOf(m)]));
    return defineMetrics({ jobs: c.jobs as [string, ...string[]], metrics });
  });
  const index = new MetricIndex([prometheusBuiltins, ...options.existing.map((c) => c.catalog), ...catalogs]);
  // The declarations were made here, not in the module: point the problems at the module.
  const checked = checkCatalogs(catalogs, index).map(({ line: _l, column: _c, ...d }) => ({ ...d, file: display }));
  if (hasErrors(checked)) return checked;

  const before = await readFile(configFile, 'utf8');
  const entries = plan.catalogs.map((c) => ({ exportName: c.exportName, file }));
  const edited = registerCatalogs(configFile, before, entries);
  if ('problem' in edited) {
    return [
      fileProblem(IMPORT_CODES.output, configDisplay, `cannot list the new catalog in the config: ${edited.problem}; nothing was written`, `import without --write-catalog, declare the metrics the warnings name, and list them in catalogs yourself`),
    ];
  }
  const module = file.replace(/\.(m)?ts$/, '.$1js');
  return {
    file,
    content: moduleText(plan, options.format),
    config: { file: configFile, before, after: edited.text },
    catalogs: catalogs.map((catalog, i) => ({ catalog, from: { name: plan.catalogs[i]!.exportName, module } })),
    exports: plan.catalogs.map((c) => c.exportName),
  };
}

/**
 * Writes the catalog module, then the config listing it. Returns an undo that puts both back,
 * for when the SLO module cannot be written after them.
 */
export async function writeCatalog(write: CatalogWrite, force: boolean): Promise<{ undo: () => Promise<void> } | Diagnostic[]> {
  const display = relative(process.cwd(), write.file);
  const previous = existsSync(write.file) ? await readFile(write.file, 'utf8') : undefined;
  if (!(await writeFileAtomic(write.file, write.content, { force }))) return [fileProblem(IMPORT_CODES.output, display, 'appeared while importing; nothing was written', 'pass --force to replace it')];
  const current = await readFile(write.config.file, 'utf8');
  if (current !== write.config.before) {
    await restore(write.file, previous);
    return [fileProblem(IMPORT_CODES.output, relative(process.cwd(), write.config.file), 'changed while importing; nothing was written', 'import again')];
  }
  await writeFileAtomic(write.config.file, write.config.after, { force: true });
  return {
    undo: async () => {
      await writeFileAtomic(write.config.file, write.config.before, { force: true });
      await restore(write.file, previous);
    },
  };
}

async function restore(file: string, previous: string | undefined): Promise<void> {
  if (previous === undefined) await rm(file, { force: true });
  else await writeFileAtomic(file, previous, { force: true });
}

/** `specs/My Service.sloth.yml` → `my-service-sloth.metrics.ts` beside the config. */
export function defaultCatalogFile(root: string, input: string): string {
  const stem = kebab(path.basename(input).replace(/\.(ya?ml|json)$/i, '')) || 'imported';
  return path.join(root, `${stem}.metrics.ts`);
}
