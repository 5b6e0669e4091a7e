import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../../library/diagnostics/diagnostic.js';
import type { SilencedFinding } from '../silencing/silence.js';
import { discover, GENERATED_DIR, RUNBOOKS_DIR, type ProjectFiles } from '../discover.js';
import { CACHE_FORMAT, type CacheStore } from './store.js';
import { contentHash, digest } from './stableJson.js';
import { toolchainFingerprint } from './toolchain.js';
import { listFiles } from '../write.js';

/**
 * The record of the last successful generate of a project: every file it read and every file
 * it wrote, by content hash. When nothing it read has changed and generated/ still holds
 * exactly what it wrote, generate has nothing to do. Content hashes, not modification times:
 * two writes within one tick of the file system's clock must not look alike.
 */
export interface LastRun {
  format: string;
  toolchain: string;
  root: string;
  /** The definition modules discover found: a new or removed one changes the project. */
  modules: string[];
  /** Every file under runbooks/, relative, or null without the folder. */
  runbooks: string[] | null;
  /** Absolute path → content hash of every file the run read. */
  inputs: Record<string, string>;
  /** Path under generated/ → content hash of every file it holds. */
  outputs: Record<string, string>;
  /** The run's warnings, shown again when nothing changed. */
  diagnostics: Diagnostic[];
  /** The findings its ignore entries silenced, counted again when nothing changed. */
  silenced: SilencedFinding[];
}

/** Files at the project root that change how its TypeScript resolves and loads. */
const ROOT_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

/** A file's content hash, or 'missing': an optional file (a lockfile) that appears is a change too. */
function hashOf(file: string): string {
  try {
    return contentHash(readFileSync(file));
  } catch {
    return 'missing';
  }
}

function runbookFiles(root: string): string[] | null {
  const dir = path.join(root, RUNBOOKS_DIR);
  return existsSync(dir) ? listFiles(dir) : null;
}

function recordFile(store: CacheStore, root: string): string {
  return path.join(store.dir, 'runs', `${digest(root)}.json`);
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  return a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]));
}

function readRecord(store: CacheStore, root: string): LastRun | undefined {
  const file = recordFile(store, root);
  let record: Partial<LastRun>;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as Partial<LastRun>;
  } catch (e) {
    if (existsSync(file)) store.notes.push(`ignored the record of the last run ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const whole =
    typeof record === 'object' && record !== null && Array.isArray(record.modules) && typeof record.inputs === 'object' && typeof record.outputs === 'object' && Array.isArray(record.diagnostics);
  if (!whole || record.format !== CACHE_FORMAT || record.root !== root) {
    store.notes.push(`ignored the record of the last run ${file}: it is not a ${CACHE_FORMAT} record of this project`);
    return undefined;
  }
  return record as LastRun;
}

/**
 * The files in generated/ with their content, and the last run's warnings and silenced
 * findings, when the project is exactly as the last successful generate left it (same lookout,
 * same inputs, same definition files and runbooks, generated/ unchanged); undefined when there
 * is work to do.
 */
export async function unchangedSinceLastRun(root: string, store: CacheStore): Promise<{ outputs: ReadonlyMap<string, string>; diagnostics: Diagnostic[]; silenced: SilencedFinding[] } | undefined> {
  const record = readRecord(store, root);
  if (!record || record.toolchain !== toolchainFingerprint()) return undefined;
  const files = await discover(root);
  if ('missing' in files || !sameList(files.modules, record.modules) || !sameList(runbookFiles(root), record.runbooks)) return undefined;
  for (const [file, hash] of Object.entries(record.inputs)) if (hashOf(file) !== hash) return undefined;
  const outDir = path.join(root, GENERATED_DIR);
  if (!existsSync(outDir)) return undefined;
  const onDisk = listFiles(outDir);
  if (!sameList(onDisk, Object.keys(record.outputs).sort())) return undefined;
  const outputs = new Map<string, string>();
  for (const rel of onDisk) {
    // As text: a file that is not UTF-8 any more hashes differently, and is written again.
    const content = readFileSync(path.join(outDir, rel), 'utf8');
    if (contentHash(content) !== record.outputs[rel]) return undefined;
    outputs.set(rel, content);
  }
  // A record from before silenced findings were kept holds none (its lookout differs anyway).
  return { outputs, diagnostics: record.diagnostics, silenced: Array.isArray(record.silenced) ? record.silenced : [] };
}

/**
 * Records a successful run: the files it read (the config, the definitions and every project
 * file they import, the TypeScript and package configuration, the runbook templates) and the
 * files generated/ now holds.
 */
export function recordRun(store: CacheStore, files: ProjectFiles, read: Iterable<string>, outputs: ReadonlyMap<string, string>, diagnostics: Diagnostic[], silenced: SilencedFinding[]): void {
  const inputs: Record<string, string> = {};
  const all = new Set([files.config, ...files.modules, ...read, ...ROOT_FILES.map((f) => path.join(files.root, f))]);
  const runbooks = runbookFiles(files.root);
  for (const rel of runbooks ?? []) all.add(path.join(files.root, RUNBOOKS_DIR, rel));
  for (const file of [...all].sort()) inputs[file] = hashOf(file);
  const record: LastRun = {
    format: CACHE_FORMAT,
    toolchain: toolchainFingerprint(),
    root: files.root,
    modules: files.modules,
    runbooks,
    inputs,
    outputs: Object.fromEntries([...outputs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rel, content]) => [rel, contentHash(content)])),
    diagnostics,
    silenced,
  };
  store.writeFile(recordFile(store, files.root), JSON.stringify(record));
}
