import { accessSync, constants, existsSync, readdirSync, readFileSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asUserError, fileSystemProblem, userErrno } from './fsProblem.js';
import { workFolder } from './lock.js';

/** Generated files by path relative to the output folder, e.g. `prometheus/rules/x.rules.yml`. */
export type ArtifactSet = ReadonlyMap<string, string>;

export interface Drift {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Every file under `dir` (none when it is missing), relative with `/`, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Compares what is on disk with what would be written. Read synchronously: nothing else runs
 * by then, and ten thousand awaited reads cost seconds more than the reads themselves.
 */
export async function diffArtifacts(outDir: string, artifacts: ArtifactSet): Promise<Drift> {
  const onDisk = new Set(listFiles(outDir));
  const drift: Drift = { changed: [], missing: [], extra: [] };
  for (const [rel, content] of [...artifacts].sort(([a], [b]) => a.localeCompare(b))) {
    if (!onDisk.has(rel)) drift.missing.push(rel);
    else if (readFileSync(path.join(outDir, rel), 'utf8') !== content) drift.changed.push(rel);
  }
  for (const rel of onDisk) if (!artifacts.has(rel)) drift.extra.push(rel);
  return drift;
}

export function hasDrift(d: Drift): boolean {
  return d.changed.length + d.missing.length + d.extra.length > 0;
}

/** Writes `files` under a new folder `staging`; on any failure removes it and throws. */
async function stage(staging: string, files: Iterable<readonly [string, string]>): Promise<void> {
  try {
    await mkdir(staging, { recursive: true });
    for (const [rel, content] of files) {
      const file = path.join(staging, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Whether every new file's folders are folders (or absent) once the extra files are gone. */
function fitsInPlace(outDir: string, drift: Drift): boolean {
  const extra = new Set(drift.extra);
  for (const rel of drift.missing) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (extra.has(dir)) return false;
      const full = path.join(outDir, dir);
      if (existsSync(full) && !statSync(full).isDirectory()) return false;
    }
    if (existsSync(path.join(outDir, rel))) return false;
  }
  return true;
}

/** Removes `rel`'s folders under `outDir` that the removal of `rel` left empty. */
function removeEmptyParents(outDir: string, rel: string): void {
  for (let dir = path.dirname(rel); dir !== '.'; dir = path.dirname(dir)) {
    const full = path.join(outDir, dir);
    if (readdirSync(full).length > 0) return;
    rmdirSync(full);
  }
}

/**
 * The folders a write will create files in, remove files from or remove: generated/'s parent
 * (the staging folder goes there) and, in place, the existing folders of every file that
 * changes; when the whole tree is swapped, every folder of the old one (it is deleted).
 */
function foldersToWrite(outDir: string, drift: Drift, inPlace: boolean): string[] {
  const dirs = new Set([path.dirname(outDir)]);
  if (!existsSync(outDir)) return [...dirs];
  dirs.add(outDir);
  const touched = inPlace ? [...drift.changed, ...drift.missing, ...drift.extra] : listFiles(outDir);
  for (const rel of touched) {
    for (let dir = path.dirname(rel); dir !== '.'; dir = path.dirname(dir)) {
      const full = path.join(outDir, dir);
      if (existsSync(full) && statSync(full).isDirectory()) dirs.add(full);
    }
  }
  return [...dirs].sort();
}

/**
 * Whether the effective user may create and remove entries in a folder. access() answers for
 * the real user, which differs from the effective one in a set-uid process (or a test that
 * drops root with seteuid); root may write anywhere its mount allows.
 */
function effectiveUserMayWrite(st: Stats): boolean {
  const uid = process.geteuid?.();
  if (uid === undefined || uid === 0) return true;
  if (st.uid === uid) return (st.mode & 0o200) !== 0;
  if (st.gid === process.getegid?.() || (process.getgroups?.() ?? []).includes(st.gid)) return (st.mode & 0o020) !== 0;
  return (st.mode & 0o002) !== 0;
}

/**
 * Refuses, before anything moves, a write that would stop half way for lack of permission (a
 * read-only generated/, a read-only mount): generated/ stays as it was and the user is told
 * which folder and why.
 */
function checkWritable(root: string, dirs: readonly string[]): void {
  for (const dir of dirs) {
    let code: string | undefined;
    try {
      accessSync(dir, constants.W_OK);
      if (!effectiveUserMayWrite(statSync(dir))) code = 'EACCES';
    } catch (e) {
      code = userErrno(e);
      if (!code) throw e;
    }
    if (code) throw fileSystemProblem(root, dir, code, 'write generated/ (left as it was)');
  }
}

/**
 * Replaces `outDir` with exactly `artifacts`, whole files only: what differs is written to a
 * sibling folder first, so a failed write (a full disk, a name that cannot be a file) leaves
 * `outDir` untouched. Then, when generated/ exists and the new files fit its folders, only the
 * files that differ are renamed into place and the ones no longer generated removed (one SLO
 * edited in a project of ten thousand files moves eight); otherwise the whole new tree is
 * swapped in with two renames, the old one restored if the second fails. A failure the user's
 * machine causes (permissions, a read-only or full disk) is thrown as a FileSystemProblem.
 */
export async function writeArtifacts(outDir: string, artifacts: ArtifactSet): Promise<Drift> {
  const drift = await diffArtifacts(outDir, artifacts);
  if (!hasDrift(drift)) return drift;
  const parent = path.dirname(outDir);
  const inPlace = existsSync(outDir) && fitsInPlace(outDir, drift);
  checkWritable(parent, foldersToWrite(outDir, drift, inPlace));
  try {
    await replace(outDir, artifacts, drift, inPlace);
  } catch (e) {
    throw asUserError(e, parent, outDir, 'write generated/ (left as it was)');
  }
  return drift;
}

async function replace(outDir: string, artifacts: ArtifactSet, drift: Drift, inPlace: boolean): Promise<void> {
  const parent = path.dirname(outDir);
  const staging = workFolder(parent, 'tmp');
  if (inPlace) {
    const differing = [...drift.changed, ...drift.missing];
    await stage(staging, differing.map((rel) => [rel, artifacts.get(rel)!] as const));
    try {
      for (const rel of drift.extra) {
        await rm(path.join(outDir, rel), { force: true });
        removeEmptyParents(outDir, rel);
      }
      for (const rel of differing) {
        await mkdir(path.dirname(path.join(outDir, rel)), { recursive: true });
        await rename(path.join(staging, rel), path.join(outDir, rel));
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return;
  }
  await stage(staging, artifacts);
  const old = workFolder(parent, 'old');
  const hadOld = existsSync(outDir);
  if (hadOld) await rename(outDir, old);
  try {
    await rename(staging, outDir);
  } catch (e) {
    if (hadOld) await rename(old, outDir);
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  // generated/ is whole by now: an old tree that cannot be deleted is only litter, which the
  // next run removes (see removeStaleWorkFolders), not a failed generate.
  if (hadOld) await rm(old, { recursive: true, force: true }).catch(() => undefined);
}
