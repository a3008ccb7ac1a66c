/**
 * Atomic writes: a file appears whole or not at all. It is written under a
 * temporary name beside its destination, flushed, then renamed into place.
 * The temporary name carries the writer's process id, so a later build can
 * tell the leftovers of a killed build (its process is gone) from a write in progress.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BriefdeckError } from './errors.ts';
import { writePoint } from './write-points.ts';

/** A temporary file of an atomic write: `.<name>.tmp-<pid>-<8 hex digits>`; the pid is group 1. */
export const TEMPORARY_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]{8}$/;

/** The prefix of the temporary files of writes to `path`: `.<name>.tmp-`, followed by `<pid>-<random>`. */
function temporaryPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

function temporaryPath(path: string): string {
  return join(dirname(path), `${temporaryPrefix(path)}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Whether a process with this id is running (one we may not signal counts as running). */
export function isRunning(pid: number): boolean {
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

/**
 * Remove the temporary files of killed writes in `dir` (and, `recursive`, its subfolders)
 * that `owns` accepts by name: only those whose writer is no longer running, never another
 * build's write in progress. Returns the paths removed. A folder that is not there is nothing to do.
 */
export async function removeKilledTemporaries(dir: string, owns: (name: string) => boolean = () => true, options: { recursive?: boolean } = {}): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: options.recursive ?? false }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const match = TEMPORARY_NAME.exec(entry.name);
    if (!match || !owns(entry.name)) continue;
    const pid = Number(match[1]);
    if (pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    // Node 20.1+ names the folder of a recursive entry in parentPath (path before it).
    const folder = (entry as { parentPath?: string; path?: string }).parentPath ?? (entry as { path?: string }).path ?? dir;
    const path = join(folder, entry.name);
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
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
  writePoint('create', temporary);
  const handle = await open(temporary, 'wx');
  try {
    try {
      writePoint('write', temporary);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    writePoint('rename', path);
    await rename(temporary, path);
    writePoint('renamed', path);
  } catch (error) {
    // A full disk or a failed rename leaves no half-written temporary behind.
    await rm(temporary, { force: true });
    throw error;
  }
}

