/**
 * Path safety: the files a build reads stay inside the article's folder and the
 * files it writes stay inside the output folder, after symlinks are resolved.
 * Reads are bounded so a device, a FIFO or a growing file cannot hang a build.
 */
import { lstat, open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BriefdeckError } from './errors.ts';

/** Whether `path` is `root` or lies below it. Both are compared as given (resolve or realpath them first). */
export function isPathInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** Whether `url` is a file:// URL of a file inside `folder`. */
export function isInsideFolder(url: string, folder: string): boolean {
  if (!url.startsWith('file://')) return false;
  let path: string;
  try {
    path = fileURLToPath(url.split(/[?#]/, 1)[0]!);
  } catch {
    return false;
  }
  return isPathInside(resolve(folder), resolve(path));
}

/**
 * The real path of `path`, or for a path that does not exist yet the real path of
 * its nearest existing ancestor joined with the rest, so a write target can be
 * checked before it is created.
 */
export async function realpathOrAncestor(path: string): Promise<string> {
  const absolute = resolve(path);
  let existing = absolute;
  for (;;) {
    try {
      const real = await realpath(existing);
      return resolve(real, relative(existing, absolute));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(existing);
      // The file-system root always exists, so this ends.
      if (parent === existing) return absolute;
      existing = parent;
    }
  }
}

/**
 * Check that `path`, with every symlink resolved, stays inside `root` (also resolved).
 * Throws a {@link BriefdeckError} naming both when it escapes (or, `strictly`, when it is `root` itself).
 * `what` says what the path is for the message.
 */
export async function assertInside(root: string, path: string, what: string, options: { strictly?: boolean } = {}): Promise<void> {
  const [realRoot, realPath] = await Promise.all([realpathOrAncestor(root), realpathOrAncestor(path)]);
  if (!isPathInside(realRoot, realPath) || (options.strictly && realRoot === realPath)) {
    const where = realRoot === realPath ? `is ${root} itself` : `resolves to ${realPath}, outside ${root}`;
    throw new BriefdeckError(`${path}: ${what} ${where}; refusing to write there`, { file: path });
  }
}

/**
 * Read a regular file of at most `maxBytes` bytes. A folder, device, FIFO or socket
 * is refused without being opened for reading; a file that grows past the limit
 * while it is read is refused too. Returns undefined when the file does not exist.
 */
export async function readFileBounded(path: string, maxBytes: number, tooLarge: (size: number) => string): Promise<Buffer | undefined> {
  let handle;
  try {
    const info = await lstat(path).then((link) => (link.isSymbolicLink() ? undefined : link));
    if (info && !info.isFile()) throw new BriefdeckError(`${path}: ${info.isDirectory() ? 'is a folder' : 'is not a regular file'}, expected a text file`, { file: path });
    handle = await open(path, 'r');
  } catch (error) {
    if (error instanceof BriefdeckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new BriefdeckError(`${path}: cannot read (${code ?? String(error)})`, { file: path, cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BriefdeckError(`${path}: ${info.isDirectory() ? 'is a folder' : 'is not a regular file'}, expected a text file`, { file: path });
    if (info.size > maxBytes) throw new BriefdeckError(tooLarge(info.size), { file: path });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      chunks.push(chunk.subarray(0, bytesRead));
      if (total > maxBytes) throw new BriefdeckError(tooLarge(total), { file: path });
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
