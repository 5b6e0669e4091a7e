import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Filesystems without hard links (some network and FAT mounts) answer one of these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Places `temp` at `file` unless `file` exists, even if it appeared after the caller looked. */
async function placeNew(temp: string, file: string): Promise<boolean> {
  try {
    await link(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw e;
  }
  try {
    // Exclusive copy: still refuses an existing file, though a reader could see it half-written.
    await copyFile(temp, file, constants.COPYFILE_EXCL);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Writes `content` to `file` so that a reader sees the old file or the whole new one, never a
 * part: it is written to a temporary file beside it, then renamed over it. Without `force` the
 * temporary file is hard-linked instead, which fails if `file` exists. Returns false when the
 * file exists and was left alone.
 */
export async function writeFileAtomic(file: string, content: string, options: { force: boolean }): Promise<boolean> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  // Named like generate's staging folders, which .gitignore already covers.
  const temp = path.join(dir, `.lookout-tmp-${path.basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temp, content);
    if (!options.force) return await placeNew(temp, file);
    await rename(temp, file);
    return true;
  } finally {
    await rm(temp, { force: true });
  }
}
