/**
 * Atomic writes: a file appears whole or not at all. It is written under a
 * temporary name beside its destination, flushed, then renamed into place.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BriefdeckError } from './errors.ts';

/** The prefix of the temporary files of writes to `path`: `.<name>.tmp-`, followed by `<pid>-<random>`. */
function temporaryPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

function temporaryPath(path: string): string {
  return join(dirname(path), `${temporaryPrefix(path)}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Whether a process with this id is running (one we may not signal counts as running). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temporary files that writes of `path` by processes no longer running left behind (a build killed mid-write). */
async function removeStaleTemporaries(path: string): Promise<void> {
  const prefix = temporaryPrefix(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-', 1)[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    await rm(join(dirname(path), name), { force: true });
  }
}

/** Write a file atomically: data is flushed to disk under a temporary name, then renamed over the destination. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomicOrFail(path, data);
  } catch (error) {
    // A folder that cannot be written (read-only, a system folder, a file in the way, a full disk) is one line, not a stack trace.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new BriefdeckError(`${path}: cannot write (${code}${WRITE_ERRORS[code] ? `: ${WRITE_ERRORS[code]}` : ''})`, { file: path, cause: error });
  }
}

/** What the common write errors mean, for the message. */
const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a file is in the way of a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of the file',
};

async function writeFileAtomicOrFail(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await removeStaleTemporaries(path);
  const temporary = temporaryPath(path);
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    // A full disk or a failed rename leaves no half-written temporary behind.
    await rm(temporary, { force: true });
    throw error;
  }
}

