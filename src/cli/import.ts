import path from 'node:path';
import { IMPORT_FORMATS, importSpec, isImportFormat } from '../engine/compiler/import/importSpec.js';
import { EXIT, fail, info, printDiagnostics } from './output.js';

/**
 * `lookout import <format> <file...>`: writes the SLOs of a Sloth or OpenSLO spec (one file,
 * or several read together) as one TypeScript module of the project. Nothing is written when
 * the spec has errors.
 */
export async function importCommand(options: {
  format: string;
  /** The spec: a file, or several files and folders read together. */
  file: string | readonly string[];
  project: string;
  out?: string | undefined;
  force?: boolean | undefined;
  windows?: string | undefined;
  period?: string | undefined;
  writeCatalog?: string | boolean | undefined;
  slothCompat?: boolean | undefined;
}): Promise<number> {
  if (!isImportFormat(options.format)) {
    fail(`lookout import: unknown format "${options.format}"; formats: ${Object.keys(IMPORT_FORMATS).join(', ')}.`);
    return EXIT.usage;
  }
  if (options.format !== 'sloth' && (options.windows !== undefined || options.period !== undefined)) {
    fail('lookout import: --windows and --period are options of lookout import sloth.');
    return EXIT.usage;
  }
  // --out names a module of the project, like the slo/ paths it defaults to.
  const out = options.out === undefined ? undefined : path.resolve(options.project, options.out);
  // Like --out, a catalog file named on the command line is a path in the project.
  const writeCatalog = typeof options.writeCatalog === 'string' ? path.resolve(options.project, options.writeCatalog) : options.writeCatalog ? true : undefined;
  const result = await importSpec({ format: options.format, input: options.file, root: options.project, out, force: options.force, writeCatalog, windows: options.windows, period: options.period, slothCompat: options.slothCompat });
  printDiagnostics(result.diagnostics);
  const written = path.relative(process.cwd(), result.outFile) || result.outFile;
  if (result.status === 'errors') {
    fail(`nothing written to ${written}.`);
    return EXIT.problems;
  }
  if (result.catalog) info(`wrote ${path.relative(process.cwd(), result.catalog.file) || result.catalog.file}: catalog ${result.catalog.exports.join(', ')}, now listed in lookout.config.ts.`);
  else if (writeCatalog) info('every metric the SLIs read is declared already: no catalog written.');
  info(`wrote ${written}: ${result.slos.length} SLO${result.slos.length === 1 ? '' : 's'} (${result.slos.join(', ')}).`);
  info('Run `lookout generate` to compile them.');
  return EXIT.ok;
}
