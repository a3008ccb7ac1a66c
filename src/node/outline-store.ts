/**
 * The outline files on disk: the outline a person edits, the record of the
 * outline as briefdeck last generated it (the base of a merge, in a
 * `.briefdeck/` folder beside the outline, git-ignored), backups, and the
 * careful write that never replaces a file the person changed meanwhile.
 *
 * The outline and its base are committed together. A build that rewrites the
 * outline writes the new base first, as a pending record named after the hash
 * of the outline text it belongs to; renaming the outline into place is the
 * commit; the pending record is then renamed over the base. A build killed
 * anywhere in between leaves a pending record that the next build settles
 * (see {@link readBase}) before it reads the base: kept when the outline on disk
 * is the one it belongs to, dropped when the outline is still the old one. So
 * the outline and the base it is merged against always belong together.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BriefdeckError } from './errors.ts';
import type { OutlineDecision } from '../outline-file/merge.ts';
import { readFileBounded } from './safe-path.ts';
import { isRunning, removeKilledTemporaries, writeFileAtomic } from './write-atomic.ts';
import { writePoint } from './write-points.ts';

/** The folder briefdeck owns beside an outline file. */
export const STORE_DIR = '.briefdeck';

/** Where the outline as last generated is recorded: `<dir>/.briefdeck/<name>.outline.md`. */
export function basePathFor(outlinePath: string): string {
  return join(dirname(outlinePath), STORE_DIR, basename(outlinePath));
}

/** The pending base records of an outline: `<dir>/.briefdeck/<name>.outline.md.pending-<pid>-<hash>`, the hash of the outline text they belong to. */
function pendingBasePrefix(outlinePath: string): string {
  return `${basename(outlinePath)}.pending-`;
}

/** The first 16 hex digits of the SHA-256 of an outline text: the name of its pending base record. */
function outlineHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function pendingBasePath(outlinePath: string, outlineText: string): string {
  return join(dirname(basePathFor(outlinePath)), `${pendingBasePrefix(outlinePath)}${process.pid}-${outlineHash(outlineText)}`);
}

/** The `article-sha256` of an outline's front matter, if it has one. */
function recordedArticleHash(text: string | undefined): string | undefined {
  const front = text === undefined ? null : /^---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(text);
  return front ? /^article-sha256:[ \t]*['"]?([0-9a-f]{64})['"]?[ \t]*$/m.exec(front[1]!)?.[1] : undefined;
}

/**
 * Settle the pending base records that killed builds left beside an outline, then read
 * its base. `ours` is the outline file as the build read it. A pending record is the
 * base of the outline text whose hash it is named after: it becomes the base when that
 * text is on disk (the kill came after the outline's rename), or when the person edited
 * the outline since and it records the article hash the pending record does and the old
 * base does not; otherwise the outline was never replaced, and the record is dropped.
 * Records of builds still running are left alone.
 */
export async function readBase(outlinePath: string, ours: string | undefined): Promise<string | undefined> {
  const basePath = basePathFor(outlinePath);
  const store = dirname(basePath);
  const prefix = pendingBasePrefix(outlinePath);
  const names = (await readdir(store).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).sort();
  let base = await readTextIfExists(basePath);
  for (const name of names) {
    const match = /^(\d+)-([0-9a-f]{16})$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isRunning(pid)) continue;
    const path = join(store, name);
    const pending = await readTextIfExists(path);
    const oursHash = recordedArticleHash(ours);
    const belongs =
      ours !== undefined &&
      pending !== undefined &&
      (outlineHash(ours) === match[2] || (oursHash !== undefined && recordedArticleHash(pending) === oursHash && recordedArticleHash(base) !== oursHash));
    if (belongs) {
      await rename(path, basePath);
      base = pending;
    } else await rm(path, { force: true });
  }
  return base;
}

/**
 * Remove what builds of this outline that were killed left in its folder and in
 * `.briefdeck/`: the temporary files of the outline, its backups, its base and its
 * pending base records. Other outlines' files, and writes of running builds, are left alone.
 */
export async function removeKilledOutlineTemporaries(outlinePath: string): Promise<string[]> {
  const ours = (name: string) => name.startsWith(`.${basename(outlinePath)}.`);
  return [...(await removeKilledTemporaries(dirname(outlinePath), ours)), ...(await removeKilledTemporaries(dirname(basePathFor(outlinePath)), ours))];
}

/** Where the person's file is kept before a merge rewrites it: `<dir>/.briefdeck/<name>.outline.md.before-merge`. */
export function beforeMergePathFor(outlinePath: string): string {
  return `${basePathFor(outlinePath)}.before-merge`;
}

/** The largest outline file (or article, when watch mode reads one) briefdeck reads: 20 MB. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

/**
 * Read a UTF-8 text file; undefined when it does not exist. Bounded, and regular
 * files only: a FIFO, a device or a growing file is refused with a
 * {@link BriefdeckError} instead of hanging the build or the watcher.
 */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  const tooLarge = (size: number) => `${path}: file is ${(size / 1048576).toFixed(1)} MB, larger than the ${MAX_TEXT_BYTES / 1048576} MB limit`;
  const bytes = await readFileBounded(path, MAX_TEXT_BYTES, tooLarge);
  return bytes?.toString('utf8');
}

/** How many backups of an outline `--regenerate` keeps: the newest ones. */
export const KEPT_BACKUPS = 3;

/** The backups of an outline in its folder, oldest first: `<outline>.bak` is number 0, `<outline>.bak.N` number N. */
async function backupsOf(outlinePath: string): Promise<Array<{ path: string; index: number }>> {
  const name = basename(outlinePath);
  const names = await readdir(dirname(outlinePath)).catch(() => [] as string[]);
  return names
    .flatMap((entry) => {
      if (!entry.startsWith(`${name}.bak`)) return [];
      const match = /^\.bak(?:\.(\d{1,9}))?$/.exec(entry.slice(name.length));
      return match ? [{ path: join(dirname(outlinePath), entry), index: match[1] === undefined ? 0 : Number(match[1]) }] : [];
    })
    .sort((a, b) => a.index - b.index);
}

/**
 * The next backup name for an outline: `<outline>.bak` for the first, then `<outline>.bak.N`
 * numbered after the newest one there (an old backup, or anything else there, is never replaced).
 */
async function nextBackupPath(outlinePath: string): Promise<string> {
  const backups = await backupsOf(outlinePath);
  for (let index = backups.length === 0 ? 0 : backups[backups.length - 1]!.index + 1; ; index += 1) {
    const path = index === 0 ? `${outlinePath}.bak` : `${outlinePath}.bak.${index}`;
    const taken = await lstat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (!taken) return path;
  }
}

/** Delete all but the {@link KEPT_BACKUPS} newest backups of an outline, so regenerating does not pile them up. */
async function pruneBackups(outlinePath: string): Promise<void> {
  const backups = await backupsOf(outlinePath);
  for (const old of backups.slice(0, Math.max(0, backups.length - KEPT_BACKUPS))) await rm(old.path, { force: true });
}

/** What {@link saveOutline} wrote. */
export interface SavedOutline {
  /** The backup of the previous file, when one was made. */
  backupPath?: string;
}

/**
 * Carry out an {@link OutlineDecision}: back up, write the outline (atomically,
 * and only if the file still holds `expected`, the text the update was made
 * from) and record the new base, the two committed together: the base is
 * written first as a pending record, the outline's rename commits both, and
 * the record is then renamed over the base (see {@link readBase}).
 */
export async function saveOutline(outlinePath: string, update: OutlineDecision, expected: string | undefined): Promise<SavedOutline> {
  const saved: SavedOutline = {};
  if (update.write) {
    const now = await readTextIfExists(outlinePath);
    if (now !== expected) {
      throw new BriefdeckError(`${outlinePath}: changed while briefdeck was building; nothing was written, build again`, { file: outlinePath });
    }
    if (now !== undefined && update.backup) {
      saved.backupPath = await nextBackupPath(outlinePath);
      await writeFileAtomic(saved.backupPath, now);
      await pruneBackups(outlinePath);
    }
    if (now !== undefined && update.status === 'merged') await writeFileAtomic(beforeMergePathFor(outlinePath), now);
    if (update.base === undefined) {
      await writeFileAtomic(outlinePath, update.text);
      return saved;
    }
    const pending = pendingBasePath(outlinePath, update.text);
    await writeFileAtomic(pending, update.base);
    await writeFileAtomic(outlinePath, update.text);
    await renameOrExplain(pending, basePathFor(outlinePath));
    writePoint('renamed', basePathFor(outlinePath));
    return saved;
  }
  // The outline stays as it is: the base alone is recorded, in one atomic write.
  if (update.base !== undefined) await writeFileAtomic(basePathFor(outlinePath), update.base);
  return saved;
}

/** Rename, a failure one line naming the file. */
async function renameOrExplain(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BriefdeckError(`${to}: cannot write (${code ?? String(error)})`, { file: to, cause: error });
  }
}
