import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash, digest } from './stableJson.js';

/** lookout's own code: src/ when run from the repository through tsx, dist/ when installed. */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The packages whose versions can change what generate writes or reports. */
const DEPENDENCIES = [
  'typescript',
  'tsx',
  'yaml',
  'handlebars',
  'zod',
  '@grafana/grafana-foundation-sdk',
  '@prometheus-io/lezer-promql',
  '@lezer/lr',
  '@lezer/common',
] as const;

/** A package's version as installed where lookout (in `packageRoot`) resolves it from. */
function versionOf(dependency: string, packageRoot: string): string {
  for (let dir = packageRoot; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', dependency, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    if (path.dirname(dir) === dir) return 'missing';
  }
}

/** Every file of lookout's code with the hash of its content, so an edit or an upgrade shows. */
function codeStamps(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) codeStamps(root, full, out);
    else if (entry.isFile()) out.push(`${path.relative(root, full)}:${contentHash(readFileSync(full))}`);
  }
}

/**
 * The fingerprint of the lookout whose code is in `codeRoot` (its package.json one folder
 * up): its version and code, Node's version, and the versions of the packages that shape the
 * output.
 */
export function toolchainOf(codeRoot: string): string {
  const packageRoot = path.dirname(codeRoot);
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: string };
  const stamps: string[] = [];
  codeStamps(codeRoot, codeRoot, stamps);
  return digest(`lookout@${pkg.version}`, `node@${process.version}`, ...DEPENDENCIES.map((d) => `${d}@${versionOf(d, packageRoot)}`), ...stamps.sort());
}

let memo: string | undefined;

/**
 * What every cached result depends on besides its own inputs: the running lookout's
 * toolchainOf(). Any change (an upgrade, an edit of lookout itself, another Node) makes every
 * entry and the record of the last run a miss.
 */
export function toolchainFingerprint(): string {
  return (memo ??= toolchainOf(CODE_ROOT));
}
