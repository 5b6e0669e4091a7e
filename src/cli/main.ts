#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { registerCheckQueries } from './checkQueries.js';
import { registerPreview } from './preview.js';
import { registerGrafana } from './grafana.js';
import { reportFailure } from './failure.js';

// Each command's module is imported when the command runs: the compiler, TypeScript and the
// Grafana SDK take seconds to load, and `lookout generate` with nothing to do takes less.

// src/cli and dist/cli both sit two levels below package.json.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command();
program
  .name('lookout')
  .version(version)
  .description('Observability as code: typed metrics, checked PromQL, alert rules and their promtool tests.')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

const projectOption = ['--project <dir>', 'the project folder (holds lookout.config.ts)', '.'] as const;

program
  .command('generate')
  .description('type-check and compile the definitions into generated/')
  .option(...projectOption)
  .option('--check', 'exit 1 if generated/ differs from what would be written')
  .option('--no-cache', 'compile everything afresh, reading and writing no cache (the output is the same)')
  .option('--timings', 'print where the time went, stage by stage, on stderr')
  .action(async (opts: { project: string; check?: boolean; cache: boolean; timings?: boolean }) => {
    const { generateCommand } = await import('./generate.js');
    process.exitCode = await generateCommand({ project: path.resolve(opts.project), check: opts.check, cache: opts.cache, timings: opts.timings });
  });

program
  .command('validate')
  .description('check generated/ is up to date, then run promtool and amtool over it: rules, rule tests, configs, route tests, templates')
  .option(...projectOption)
  .option('--generated-only', 'skip the up-to-date check: only run the tools over generated/ as it is')
  .option('--fail-on-untested', 'exit 1 if an SLO has no generated tests (each is named with the reason either way)')
  .action(async (opts: { project: string; generatedOnly?: boolean; failOnUntested?: boolean }) => {
    const { validateCommand } = await import('./validate.js');
    process.exitCode = await validateCommand({ project: path.resolve(opts.project), generatedOnly: opts.generatedOnly, failOnUntested: opts.failOnUntested });
  });

program
  .command('lint')
  .description('prove the services and the monitoring agree: no metric outside the catalog, every catalog metric recorded, every metric read is emitted')
  .option(...projectOption)
  .action(async (opts: { project: string }) => {
    const { lintCommand } = await import('./lint.js');
    process.exitCode = await lintCommand({ project: path.resolve(opts.project) });
  });

program
  .command('import')
  .description('write TypeScript SLO definitions from a Sloth spec (prometheus/v1 or Kubernetes CRD) or OpenSLO documents (v1, v1alpha)')
  .argument('<format>', 'sloth or openslo')
  .argument('<files...>', 'the YAML spec to read; several files (or a folder of .yaml/.yml files) are read together, so an OpenSLO SLO may name an SLI, DataSource or alert policy of another')
  .option(...projectOption)
  .option('--out <file>', 'the module to write, relative to the project (default: slo/<first file name>.ts)')
  .option('--force', 'replace the module if it exists')
  .option('--write-catalog [file]', 'declare the metrics the SLIs read that no catalog declares, in a new catalog module listed in lookout.config.ts (default: <first file name>.metrics.ts)')
  .option('--windows <path>', "sloth: a Sloth AlertWindows file, or a folder of them picked by --period: the tiers and period of every SLO (Sloth's --slo-period-windows-path)")
  .option('--period <duration>', "sloth: the SLO period, 28d or 30d with Sloth's built-in windows (Sloth's --default-slo-period)")
  .option('--sloth-compat', "write compat: 'sloth' on every SLO, so the rules also carry Sloth's sloth_* labels and series its dashboards and routes use")
  .action(async (format: string, files: string[], opts: { project: string; out?: string; force?: boolean; writeCatalog?: string | boolean; windows?: string; period?: string; slothCompat?: boolean }) => {
    const { importCommand } = await import('./import.js');
    const windows = opts.windows === undefined ? undefined : path.resolve(opts.windows);
    process.exitCode = await importCommand({
      format,
      file: files.map((f) => path.resolve(f)),
      project: path.resolve(opts.project),
      out: opts.out,
      force: opts.force,
      writeCatalog: opts.writeCatalog,
      windows,
      period: opts.period,
      slothCompat: opts.slothCompat,
    });
  });

program
  .command('init')
  .description('write a minimal lookout project (catalog, one alert, its Alertmanager routing, two SLOs, a dashboard) into a folder with or without package.json')
  .argument('[dir]', 'where to create it', '.')
  .option('--force', "replace init's files when the folder already holds a lookout project (refused otherwise)")
  .action(async (dir: string, opts: { force?: boolean }) => {
    const { initCommand } = await import('./init.js');
    process.exitCode = await initCommand({ dir: path.resolve(dir), force: opts.force });
  });

program
  .command('doctor')
  .description('say what this machine and project lack for lookout: node, promtool, amtool, Chromium, tsconfig, @types/node, the config, the installed lookout')
  .option(...projectOption)
  .action(async (opts: { project: string }) => {
    const { doctorCommand } = await import('./doctor.js');
    process.exitCode = await doctorCommand({ project: path.resolve(opts.project), version });
  });

program
  .command('checks')
  .description('list every check lookout runs, with its id and severity')
  .option('--markdown', 'print the reference page (docs/checks.md)')
  .action(async (opts: { markdown?: boolean }) => {
    const { checksCommand } = await import('./checks.js');
    process.exitCode = checksCommand(opts);
  });

registerGrafana(program, projectOption);
registerCheckQueries(program);
registerPreview(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportFailure(e);
}
