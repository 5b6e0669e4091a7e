import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../lookoutProject.js';
import { measuredRun, type MeasuredRun } from './childRun.js';
import { OWN_CHANNEL_TEAM, writeMixedProject } from './mixedProject.js';

/**
 * The projects the generate benchmark times, each with how lookout is run on it and the edits
 * it makes: one definition file at a time, each changing one SLO or one alert.
 */

/** How `lookout` is started: the source through tsx, or the packed package's bin. */
export interface Cli {
  form: 'source' | 'packed';
  command: string;
  args: readonly string[];
}

/** tsx's loader, absolute: `--import tsx` would resolve from the project folder, which has no tsx of its own. */
const TSX_LOADER = import.meta.resolve('tsx');

export const SOURCE_CLI: Cli = { form: 'source', command: process.execPath, args: ['--import', TSX_LOADER, path.join(REPO, 'src/cli/main.ts')] };

export function packedCli(app: string): Cli {
  return { form: 'packed', command: process.execPath, args: [path.join(app, 'node_modules/lookout/dist/cli/main.js')] };
}

/** One edit of one definition file: the first `from` in `file` becomes `to`. */
export interface Edit {
  /** The run's name in the table: `SLO edited`, `alert edited`. */
  run: string;
  file: string;
  from: string;
  to: string;
}

export type ProjectKey = 'repo' | 'init' | '100' | '1000';
export const PROJECT_KEYS: readonly ProjectKey[] = ['repo', 'init', '100', '1000'];

export interface BenchProject {
  key: ProjectKey;
  /** Tells apart two forms of one key (`init` from source and packed). */
  id: string;
  title: string;
  dir: string;
  cli: Cli;
  edits: readonly Edit[];
  /** Also time a warm `generate --check`. */
  check: boolean;
  shape: { slos?: number; alerts?: number };
}

/** Runs a setup command; a failure stops the benchmark with the command's output. */
export async function setupRun(what: string, command: string, args: readonly string[], cwd: string): Promise<MeasuredRun> {
  const r = await measuredRun(command, args, { cwd });
  if (r.exitCode !== 0) throw new Error(`${what} failed (exit ${r.exitCode ?? r.signal}): ${command} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r;
}

/**
 * (a) The repository's own project, copied: the definitions, the runbook templates and src/
 * (the gateway's catalog imports the library by a relative path; 'lookout' resolves to the
 * copy's src/library through the copied tsconfig), with node_modules linked. The repository
 * is never written to.
 */
export function repoProject(parent: string): BenchProject {
  const dir = path.join(parent, 'repo');
  mkdirSync(dir);
  for (const entry of ['package.json', 'tsconfig.json', 'lookout.config.ts', 'slo', 'rules', 'dashboards', 'runbooks', 'src']) {
    cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    key: 'repo',
    id: 'repo',
    title: 'repository project (a copy)',
    dir,
    cli: SOURCE_CLI,
    check: true,
    edits: [
      { run: 'SLO edited', file: 'slo/gateway.ts', from: 'objective: 99.5,', to: 'objective: 99.4,' },
      { run: 'alert edited', file: 'rules/gateway-events.ts', from: 'lostRatio.gt(0.01)', to: 'lostRatio.gt(0.011)' },
    ],
    shape: {},
  };
}

const INIT_EDITS: readonly Edit[] = [
  { run: 'SLO edited', file: 'slo/api.ts', from: 'objective: 99.9,', to: 'objective: 99.8,' },
  { run: 'alert edited', file: 'rules/api.ts', from: '.gt(0.05)', to: '.gt(0.06)' },
];

/**
 * (b) A project as `lookout init` writes it into an empty folder, run from the source: its
 * tsconfig also extends the repository's, whose `paths` resolve 'lookout' to src/library (the
 * way writeBenchProject does), and node_modules is linked.
 */
export async function initProject(parent: string): Promise<BenchProject> {
  const dir = path.join(parent, 'init');
  mkdirSync(dir);
  await setupRun('lookout init', SOURCE_CLI.command, [...SOURCE_CLI.args, 'init', dir], dir);
  const tsconfig = path.join(dir, 'tsconfig.json');
  const config = JSON.parse(readFileSync(tsconfig, 'utf8')) as Record<string, unknown>;
  writeFileSync(tsconfig, `${JSON.stringify({ extends: path.join(REPO, 'tsconfig.json'), ...config }, null, 2)}\n`);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { key: 'init', id: 'init', title: 'lookout init (source)', dir, cli: SOURCE_CLI, check: false, edits: INIT_EDITS, shape: {} };
}

/** What packing and installing cost, once per benchmark run. */
export interface PackSetup {
  buildSeconds: number;
  packSeconds: number;
  installSeconds: number;
}

/**
 * (b) The same, as a new user starts: the package built and packed (into `parent`, so the
 * repository's dist/ is left alone), installed with npm into an empty folder, `lookout init`
 * from the installed bin; every generate runs that bin with node (npx would add npm's start).
 */
export async function packedInitProject(parent: string, log: (msg: string) => void): Promise<{ project: BenchProject; setup: PackSetup }> {
  const pkg = path.join(parent, 'package');
  mkdirSync(pkg);
  log('init (packed): building lookout (tsc -p tsconfig.build.json) ...');
  const build = await setupRun('tsc', path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', path.join(pkg, 'dist')], REPO);
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  // Built already: prepack would build again from a folder without the sources.
  delete manifest.scripts;
  delete manifest.devDependencies;
  writeFileSync(path.join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(path.join(REPO, 'README.md'), path.join(pkg, 'README.md'));
  const pack = await setupRun('npm pack', 'npm', ['pack', '--silent', '--pack-destination', parent], pkg);
  const tarball = path.join(parent, pack.stdout.trim().split('\n').pop()!);
  const dir = path.join(parent, 'init-packed');
  mkdirSync(dir);
  log('init (packed): npm install of the packed lookout into an empty folder ...');
  const install = await setupRun('npm install', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir);
  const cli = packedCli(dir);
  await setupRun('lookout init (packed)', cli.command, [...cli.args, 'init'], dir);
  return {
    project: { key: 'init', id: 'init-packed', title: 'lookout init (packed, npm install)', dir, cli, check: false, edits: INIT_EDITS, shape: {} },
    setup: { buildSeconds: build.wallSeconds, packSeconds: pack.wallSeconds, installSeconds: install.wallSeconds },
  };
}

/** svc00's r0 availability SLO: the first of the SLO benchmark's objectives. */
const SLO_EDIT: Edit = { run: 'SLO edited', file: `slo/${OWN_CHANNEL_TEAM}.ts`, from: 'objective: 99.9,', to: 'objective: 99.8,' };
/** alr00's first alert, a 5xx ratio over 0.01. */
const ALERT_EDIT: Edit = { run: 'alert edited', file: 'rules/alr00-g00.ts', from: '.gt(0.01),', to: '.gt(0.015),' };

/** (c) and (d): synthetic SLOs and alerts in one project (see mixedProject.ts). */
export function mixedProject(parent: string, slos: 100 | 1000, alerts: number): BenchProject {
  const dir = writeMixedProject({ slos, alerts, parent });
  return {
    key: slos === 100 ? '100' : '1000',
    id: String(slos),
    title: `${slos.toLocaleString('en-US')} SLOs + ${alerts.toLocaleString('en-US')} alerts`,
    dir,
    cli: SOURCE_CLI,
    check: false,
    edits: [SLO_EDIT, ALERT_EDIT],
    shape: { slos, alerts },
  };
}

/** Applies an edit and returns what undoes it: the file's bytes as they were. Fails when the text to replace is not there. */
export function applyEdit(dir: string, edit: Edit): () => void {
  const file = path.join(dir, edit.file);
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(edit.from);
  if (at < 0) throw new Error(`${edit.run}: ${edit.file} holds no "${edit.from}" to replace: update the edit in scripts/bench/generate/projects.ts`);
  writeFileSync(file, text.slice(0, at) + edit.to + text.slice(at + edit.from.length));
  return () => writeFileSync(file, text);
}
