import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execa } from 'execa';
import type * as TS from 'typescript';
import { CONFIG_FILE, discover } from '../engine/compiler/discover.js';
import { AMTOOL, binaryOf, PROMTOOL, type Tool } from '../engine/compiler/tools.js';
import { EXIT, info } from './output.js';

/**
 * `lookout doctor`: what this machine and this project lack for lookout, each finding with what
 * to do. A problem stops generate or validate (exit 1); a note does not (Chromium, which only
 * screenshots need; a tool version lookout is not tested with but should work with).
 */
type Level = 'ok' | 'note' | 'problem';
interface Finding {
  level: Level;
  text: string;
}

/** The engines range of package.json, as the lowest version. */
const NODE_MIN = [20, 6] as const;
/** What the generated tests and checks are written against: Debian 12's packages. */
const TARGETS = { promtool: { major: 2, minor: 42 }, amtool: { major: 0, minor: 25 } } as const;
const CHROMIUM_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** A module of Node's own, imported by a definition: TypeScript needs @types/node to know it. */
const NODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](node:[\w/]+|fs|fs\/promises|path|os|url|crypto|child_process|util|process)['"]|\bprocess\.(?:env|cwd|argv)\b/;

function versionParts(text: string): [number, number, number] | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function checkNode(): Finding {
  const [major, minor] = versionParts(process.versions.node)!;
  const ok = major > NODE_MIN[0] || (major === NODE_MIN[0] && minor >= NODE_MIN[1]);
  return ok
    ? { level: 'ok', text: `node ${process.versions.node} (lookout needs ${NODE_MIN.join('.')} or later)` }
    : { level: 'problem', text: `node ${process.versions.node} is too old: lookout needs ${NODE_MIN.join('.')} or later` };
}

async function checkTool(tool: Tool, target: { major: number; minor: number }): Promise<Finding> {
  const bin = binaryOf(tool);
  const run = await execa(bin, ['--version'], { reject: false, all: true, stdin: 'ignore' });
  if ((run as { code?: string }).code === 'ENOENT') {
    return { level: 'problem', text: `${tool.name} not found (looked for "${bin}"): lookout validate runs it. Install it with \`${tool.install}\`, or set ${tool.env} to its path` };
  }
  const v = versionParts(run.all ?? '');
  const wanted = `${target.major}.${target.minor}`;
  if (!v) return { level: 'note', text: `${tool.name} at "${bin}" did not say its version; lookout targets ${wanted} (Debian 12's)` };
  const shown = `${tool.name} ${v.join('.')} ("${bin}")`;
  if (v[0] !== target.major || v[1] < target.minor) {
    return { level: 'problem', text: `${shown}: lookout targets ${wanted} (Debian 12's) and supports ${target.major}.x from ${wanted} on; the generated tests and configs may be refused by this one` };
  }
  if (v[1] !== target.minor) return { level: 'note', text: `${shown}: lookout is tested with ${wanted} (Debian 12's); later ${target.major}.x should work` };
  return { level: 'ok', text: `${shown}, the version lookout targets` };
}

async function checkChromium(): Promise<Finding> {
  const candidates = process.env.LOOKOUT_CHROMIUM ? [process.env.LOOKOUT_CHROMIUM] : CHROMIUM_CANDIDATES;
  for (const bin of candidates) {
    const run = await execa(bin, ['--version'], { reject: false, stdin: 'ignore', timeout: 30_000 });
    // Debian's wrapper script may print shell noise on stderr; the version is stdout's last line.
    const said = String(run.stdout ?? '').trim().split('\n').pop();
    if (run.exitCode === 0) return { level: 'ok', text: `${said || bin} ("${bin}"), to look at \`lookout preview\` pages headless` };
  }
  return { level: 'note', text: 'Chromium not found (set LOOKOUT_CHROMIUM to its path): only screenshots of `lookout preview` pages need it; `apt-get install -y chromium`' };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The nearest node_modules/<name>/package.json at or above `dir` (exports may hide the file from require.resolve). */
function installedPackage(dir: string, name: string): { file: string; version: string } | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, 'node_modules', name, 'package.json');
    if (existsSync(file)) return { file, version: String(readJson(file)?.version ?? '?') };
    if (path.dirname(d) === d) return undefined;
  }
}

function checkPackage(root: string): { findings: Finding[]; type: string } {
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return { findings: [{ level: 'note', text: 'no package.json: `npm init -y` then `npm install --save-dev lookout` pins the lookout this project uses' }], type: 'commonjs' };
  const pkg = readJson(file);
  if (!pkg) return { findings: [{ level: 'problem', text: 'package.json is not valid JSON' }], type: 'commonjs' };
  const type = pkg.type === 'module' ? 'module' : 'commonjs';
  const said = pkg.type === undefined ? 'no "type" (CommonJS)' : `"type": ${JSON.stringify(pkg.type)}`;
  return { findings: [{ level: 'ok', text: `package.json with ${said}: lookout loads the definitions as ES modules either way` }], type };
}

function checkLookout(root: string, running: string): Finding {
  const own = readJson(path.join(root, 'package.json'));
  if (own?.name === 'lookout') return { level: 'ok', text: `lookout ${running}, this repository's own` };
  const installed = installedPackage(root, 'lookout');
  if (!installed) return { level: 'problem', text: `lookout is not installed in this project (this is lookout ${running} from elsewhere): \`npm install --save-dev lookout\` so that everyone runs the same one` };
  if (installed.version !== running) return { level: 'problem', text: `lookout ${installed.version} is installed here but ${running} is running: run the project's own with \`npx lookout\`` };
  return { level: 'ok', text: `lookout ${running}, installed in the project` };
}

/** The definition files and the config: what the type check reads first. */
async function definitionTexts(root: string): Promise<string[]> {
  const files = await discover(root);
  if ('missing' in files) return [];
  return [files.config, ...files.modules].map((f) => readFileSync(f, 'utf8'));
}

function checkTsconfig(root: string, packageType: string, usesNode: boolean): Finding[] {
  const file = path.join(root, 'tsconfig.json');
  const typesNode = installedPackage(root, '@types/node');
  const findings: Finding[] = [];
  if (usesNode && !typesNode) findings.push({ level: 'problem', text: 'the definitions use Node (node: modules or process), and @types/node is not installed: `npm install --save-dev @types/node`' });
  if (!existsSync(file)) {
    findings.push({ level: packageType === 'module' ? 'note' : 'problem', text: 'no tsconfig.json: lookout type-checks with NodeNext defaults, which read a CommonJS package\'s files as CommonJS; `lookout init` writes one' });
    return findings;
  }
  const ts = createRequire(import.meta.url)('typescript') as typeof TS;
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return [...findings, { level: 'problem', text: `tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}` }];
  const options = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, file).options;
  const R = ts.ModuleResolutionKind;
  const M = ts.ModuleKind;
  // TypeScript's own default when moduleResolution is not set, by module kind.
  const module = options.module ?? M.CommonJS;
  const resolution =
    options.moduleResolution ?? (module === M.NodeNext ? R.NodeNext : module === M.Node16 ? R.Node16 : module === M.Preserve || (module >= M.ES2015 && module <= M.ESNext) ? R.Bundler : R.Node10);
  const nodeNext = resolution === R.Node16 || resolution === R.NodeNext;
  const name = R[resolution] ?? String(resolution);
  if (resolution !== R.Bundler && !nodeNext) {
    findings.push({ level: 'problem', text: `tsconfig.json resolves modules as ${name}, which does not read package exports, so 'lookout' cannot be found: set "module": "ESNext" and "moduleResolution": "Bundler" (what lookout init writes)` });
  } else if (nodeNext && packageType !== 'module') {
    findings.push({ level: 'problem', text: `tsconfig.json uses moduleResolution ${name} in a CommonJS package: TypeScript reads the definitions as CommonJS, which cannot import 'lookout' (an ES module). Set "module": "ESNext" and "moduleResolution": "Bundler" (what lookout init writes)` });
  } else {
    findings.push({ level: 'ok', text: `tsconfig.json resolves modules as ${name}` });
  }
  // TypeScript 6 includes no @types package a tsconfig does not name: "types" must say "node".
  if (usesNode && !options.types?.includes('node')) {
    const said = options.types === undefined ? 'names no "types"' : `has "types": ${JSON.stringify(options.types)}`;
    findings.push({ level: 'problem', text: `the definitions use Node (node: modules or process), and tsconfig.json ${said}: add "types": ["node"]` });
  }
  return findings;
}

export async function doctorCommand(options: { project: string; version: string }): Promise<number> {
  const root = options.project;
  const hasConfig = existsSync(path.join(root, CONFIG_FILE));
  const pkg = checkPackage(root);
  const usesNode = hasConfig && (await definitionTexts(root)).some((t) => NODE_IMPORT.test(t));
  const findings: Finding[] = [
    checkNode(),
    await checkTool(PROMTOOL, TARGETS.promtool),
    await checkTool(AMTOOL, TARGETS.amtool),
    await checkChromium(),
    checkLookout(root, options.version),
    ...pkg.findings,
    hasConfig ? { level: 'ok', text: `${CONFIG_FILE} found` } : { level: 'problem', text: `no ${CONFIG_FILE}: run \`npx lookout init\` here, or pass --project DIR` },
    ...checkTsconfig(root, pkg.type, usesNode),
  ];
  info(`lookout doctor: ${root}`);
  for (const f of findings) info(`  ${f.level.padEnd(8)} ${f.text}`);
  const problems = findings.filter((f) => f.level === 'problem').length;
  info(problems === 0 ? 'All is well.' : `${problems} problem${problems === 1 ? '' : 's'} to fix.`);
  return problems === 0 ? EXIT.ok : EXIT.problems;
}
