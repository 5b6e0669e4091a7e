import { existsSync } from 'node:fs';
import path from 'node:path';
import { prometheusBuiltins } from '../../../library/catalog/builtin.js';
import { MetricIndex } from '../../../library/catalog/metricIndex.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import { kebab } from '../../../library/text.js';
import { DEFINITION_DIRS } from '../discover.js';
import { relative } from '../paths.js';
import { loadCatalogs } from './catalogs.js';
import { defaultCatalogFile, prepareCatalogWrite, writeCatalog, type CatalogWrite } from './catalogWriter.js';
import { planUndeclared } from './undeclared.js';
import { emitModule, type EmittedSLO } from './emit.js';
import { readInputs } from './inputs.js';
import { sourceQueries, type ImportedSLO } from './model.js';
import { readOpenSLO } from './openslo.js';
import { readSloth } from './sloth.js';
import { fileProblem, IMPORT_CODES, SpecFile } from './specFile.js';
import { typeSLI } from './typeSLI.js';
import { writeFileAtomic } from './write.js';

/** The formats `lookout import` reads, each with the reader that turns the input into SLOs. */
export const IMPORT_FORMATS = {
  sloth: readSloth,
  openslo: readOpenSLO,
} as const satisfies Record<string, (file: SpecFile, options: ImportOptions) => ImportedSLO[]>;

export type ImportFormat = keyof typeof IMPORT_FORMATS;

export function isImportFormat(name: string): name is ImportFormat {
  return Object.hasOwn(IMPORT_FORMATS, name);
}

export interface ImportOptions {
  format: ImportFormat;
  /**
   * The spec to read: a file, or several read together (an OpenSLO SLO in one may name an SLI,
   * DataSource or alert policy of another); a folder stands for its .yaml and .yml files.
   */
  input: string | readonly string[];
  /** The project folder (holds lookout.config.ts). */
  root: string;
  /** The module to write; `slo/<first input's name>.ts` under the project by default. */
  out?: string | undefined;
  /** Replace `out` if it exists. */
  force?: boolean | undefined;
  /**
   * Declare the metrics the SLIs read that no catalog declares, in this new catalog module
   * (absolute; `true` for `<input name>.metrics.ts` beside the config), list it in the config's
   * catalogs, and type the SLIs against it.
   */
  writeCatalog?: string | true | undefined;
  /** Sloth only: an AlertWindows file (Sloth's --slo-period-windows-path). */
  windows?: string | undefined;
  /** Sloth only: the SLO period (Sloth's --default-slo-period). */
  period?: string | undefined;
  /**
   * Write `compat: 'sloth'` on every SLO, so its rules also carry the series and `sloth_*`
   * labels Sloth writes (its dashboards and routes keep working).
   */
  slothCompat?: boolean | undefined;
}

export interface ImportResult {
  status: 'ok' | 'errors';
  diagnostics: Diagnostic[];
  /** Absolute path of the module written (or that would have been). */
  outFile: string;
  /** The SLOs written, by service/name; empty unless status is ok. */
  slos: string[];
  /** The catalog module `writeCatalog` wrote, and its exports; unset when it wrote none. */
  catalog?: { file: string; exports: string[] };
}

/** `specs/My Service.sloth.yml` → `slo/my-service-sloth.ts` in the project. */
export function defaultOutFile(root: string, input: string): string {
  const stem = kebab(path.basename(input).replace(/\.(ya?ml|json)$/i, '')) || 'imported';
  return path.join(root, 'slo', `${stem}.ts`);
}

/** Which format a document is written in, going by its version field. */
function formatOf(value: unknown): ImportFormat | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, apiVersion, kind } = value as Record<string, unknown>;
  if (kind === 'PrometheusServiceLevel' || (typeof version === 'string' && version.startsWith('prometheus/'))) return 'sloth';
  // Sloth's other Kubernetes kinds: ManagedPrometheusServiceLevel, AlertWindows.
  if (typeof apiVersion === 'string' && apiVersion.startsWith('sloth.slok.dev/')) return 'sloth';
  // openslo.com/v2alpha is OpenSLO too: the OpenSLO reader names the version it cannot read.
  if (typeof apiVersion === 'string' && /^openslo(\.com)?\//.test(apiVersion)) return 'openslo';
  return undefined;
}

/** One error for each file of the other format, instead of one per missing field. */
function wrongFormat(file: SpecFile, format: ImportFormat): boolean {
  // A file may hold a list of objects (as oslo reads them): its first item tells the format.
  const firsts = new Map<string, ReturnType<SpecFile['objects']>[number]>();
  for (const o of file.objects()) if (!firsts.has(file.displayOf(o.index))) firsts.set(file.displayOf(o.index), o);
  let wrong = false;
  for (const [display, first] of firsts) {
    const actual = formatOf(first.value);
    if (!actual || actual === format) continue;
    file.error({ doc: first.index, root: first.root, path: [] }, `this is ${actual === 'sloth' ? 'a Sloth' : 'an OpenSLO'} spec, not ${format === 'sloth' ? 'a Sloth' : 'an OpenSLO'} one`, `run lookout import ${actual} ${display}`);
    wrong = true;
  }
  return wrong;
}

/** An SLO id defined twice in the input would collide in every recorded series. */
function reportDuplicates(file: SpecFile, slos: readonly ImportedSLO[]): void {
  const seen = new Set<string>();
  for (const slo of slos) {
    const id = `${slo.service}/${slo.name}`;
    if (seen.has(id)) file.error({ ...slo.where, path: [...slo.where.path, 'name'] }, `SLO "${id}" is defined twice`, 'give each SLO of a service its own name');
    seen.add(id);
  }
}

/** `a.yaml`, `a.yaml and b.yaml`, `a.yaml, b.yaml and c.yaml`. */
function listed(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/**
 * `lookout import <format> <file...>`: reads a Sloth or OpenSLO spec, types each SLI against the
 * project's catalogs and writes one TypeScript module of `defineSLO` calls. Every problem is a
 * diagnostic; on any error nothing is written, and an existing module is only replaced with
 * `force`.
 */
export async function importSpec(options: ImportOptions): Promise<ImportResult> {
  const root = path.resolve(options.root);
  const inputs = (typeof options.input === 'string' ? [options.input] : options.input).map((i) => path.resolve(i));
  // The module and catalog are named after the first input, as after the only one.
  const input = inputs[0] ?? root;
  const outFile = path.resolve(options.out ?? defaultOutFile(root, input));
  const outDisplay = relative(process.cwd(), outFile);
  const stop = (diagnostics: Diagnostic[]): ImportResult => ({ status: 'errors', diagnostics: sortDiagnostics(diagnostics), outFile, slos: [] });

  if (!/\.m?ts$/.test(outFile) || /\.d\.m?ts$/.test(outFile)) return stop([fileProblem(IMPORT_CODES.output, outDisplay, 'the output must be a TypeScript module (.ts)')]);
  if (!options.force && existsSync(outFile)) {
    return stop([fileProblem(IMPORT_CODES.output, outDisplay, 'already exists; nothing was written', 'pass --force to replace it, or --out to write another file')]);
  }
  if (inputs.length === 0) return stop([fileProblem(IMPORT_CODES.invalid, '', 'no input given', 'name the spec file to read')]);
  const { parts, diagnostics: unread } = await readInputs(inputs);
  if (unread.length > 0 || parts.length === 0) return stop(unread);

  const file = SpecFile.fromParts(parts);
  // The comments and descriptions name each input by its file name only, so the module is the
  // same whichever folder the import was run from.
  const source = listed(file.sources());
  const read: (file: SpecFile, options: ImportOptions) => ImportedSLO[] = IMPORT_FORMATS[options.format];
  const slos = file.hasErrors() || wrongFormat(file, options.format) ? [] : read(file, options);
  if (!file.hasErrors() && slos.length === 0) {
    file.error({ doc: 0, path: [] }, `no SLOs found in ${file.several ? 'the files read' : 'the file'}`, options.format === 'sloth' ? 'a Sloth spec has version: prometheus/v1 and a list of slos' : 'an OpenSLO file holds at least one document of kind SLO');
  }
  reportDuplicates(file, slos);
  if (file.hasErrors()) return stop(file.diagnostics);

  const { catalogs: loadedCatalogs, diagnostics: loadDiagnostics, configFile, configIdentifiers } = await loadCatalogs(root);
  if (!loadedCatalogs || !configFile || hasErrors(loadDiagnostics)) return stop([...file.diagnostics, ...loadDiagnostics]);
  const known = new MetricIndex([prometheusBuiltins, ...loadedCatalogs.map((c) => c.catalog)]);
  const taken = new Set([...(configIdentifiers ?? []), ...loadedCatalogs.flatMap((c) => (c.from ? [c.from.name] : []))]);
  const plan = planUndeclared(slos, known, source, taken);
  let catalogWrite: CatalogWrite | undefined;
  if (options.writeCatalog !== undefined && plan.catalogs.length > 0) {
    const catalogFile = options.writeCatalog === true ? defaultCatalogFile(root, input) : path.resolve(options.writeCatalog);
    const prepared = await prepareCatalogWrite({ plan, file: catalogFile, configFile, existing: loadedCatalogs, force: Boolean(options.force), format: options.format });
    if (Array.isArray(prepared)) return stop([...file.diagnostics, ...prepared]);
    catalogWrite = prepared;
  }
  const catalogs = [...loadedCatalogs, ...(catalogWrite?.catalogs ?? [])];
  const index = catalogWrite ? new MetricIndex([prometheusBuiltins, ...catalogs.map((c) => c.catalog)]) : known;
  const emitted: EmittedSLO[] = [];
  for (const slo of slos) {
    const sli = typeSLI({ file, index, catalogs, slo, plan });
    if (!sli) continue;
    const source = file.sourceOf(slo.where.doc);
    const query = file.sourceOf(sourceQueries(slo.sli).at(-1)!.where.doc);
    emitted.push({ slo, sli, source, ...(query !== source ? { querySource: query } : {}) });
  }
  if (file.hasErrors()) return stop(file.diagnostics);

  const insideProject = DEFINITION_DIRS.some((d) => !path.relative(path.join(root, d), outFile).startsWith('..'));
  if (!insideProject) {
    file.diagnostics.push({
      code: IMPORT_CODES.output,
      severity: 'warning',
      file: outDisplay,
      path: '',
      message: `lookout generate only reads modules under ${DEFINITION_DIRS.map((d) => `${d}/`).join(', ')} of the project`,
      hint: 'move the module there, or pass --out slo/<name>.ts',
    });
  }
  const content = emitModule({ slos: emitted, outFile, sources: file.sources(), format: options.format, catalogs, slothCompat: options.slothCompat });
  const wroteCatalog = catalogWrite && (await writeCatalog(catalogWrite, Boolean(options.force)));
  if (Array.isArray(wroteCatalog)) return stop([...file.diagnostics, ...wroteCatalog]);
  if (!(await writeFileAtomic(outFile, content, { force: Boolean(options.force) }))) {
    await wroteCatalog?.undo();
    return stop([...file.diagnostics, fileProblem(IMPORT_CODES.output, outDisplay, 'appeared while importing; nothing was written', 'pass --force to replace it')]);
  }
  const catalog = catalogWrite && { file: catalogWrite.file, exports: catalogWrite.exports };
  return { status: 'ok', diagnostics: sortDiagnostics(file.diagnostics), outFile, slos: emitted.map(({ slo }) => `${slo.service}/${slo.name}`), ...(catalog ? { catalog } : {}) };
}
