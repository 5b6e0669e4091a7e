import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Generated files by path relative to the output folder, e.g. `prometheus/rules/x.rules.yml`. */
export type ArtifactSet = ReadonlyMap<string, string>;

export interface Drift {
  changed: string[];
  missing: string[];
  extra: string[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Compares what is on disk with what would be written. */
export async function diffArtifacts(outDir: string, artifacts: ArtifactSet): Promise<Drift> {
  const onDisk = new Set(await listFiles(outDir));
  const drift: Drift = { changed: [], missing: [], extra: [] };
  for (const [rel, content] of [...artifacts].sort(([a], [b]) => a.localeCompare(b))) {
    if (!onDisk.has(rel)) drift.missing.push(rel);
    else if ((await readFile(path.join(outDir, rel), 'utf8')) !== content) drift.changed.push(rel);
  }
  for (const rel of onDisk) if (!artifacts.has(rel)) drift.extra.push(rel);
  return drift;
}

export function hasDrift(d: Drift): boolean {
  return d.changed.length + d.missing.length + d.extra.length > 0;
}

/**
 * Replaces `outDir` with exactly `artifacts`, atomically as far as a filesystem allows: the new
 * tree is written to a sibling folder first, then swapped in with two renames. If anything
 * fails before the swap, `outDir` is untouched; the swap itself restores the old tree on error.
 */
export async function writeArtifacts(outDir: string, artifacts: ArtifactSet): Promise<Drift> {
  const drift = await diffArtifacts(outDir, artifacts);
  if (!hasDrift(drift)) return drift;
  const parent = path.dirname(outDir);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.lookout-tmp-${tag}`);
  const old = path.join(parent, `.lookout-old-${tag}`);
  try {
    for (const [rel, content] of artifacts) {
      const file = path.join(staging, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    if (artifacts.size === 0) await mkdir(staging, { recursive: true });
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  const hadOld = existsSync(outDir);
  if (hadOld) await rename(outDir, old);
  try {
    await rename(staging, outDir);
  } catch (e) {
    if (hadOld) await rename(old, outDir);
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
  return drift;
}
