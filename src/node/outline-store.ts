/**
 * The outline files on disk: the outline a person edits, the record of the
 * outline as briefdeck last generated it (the base of a merge, in a
 * `.briefdeck/` folder beside the outline, git-ignored), backups, and the
 * careful write that never replaces a file the person changed meanwhile.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BriefdeckError } from './errors.ts';
import type { OutlineUpdate } from '../outline-file/merge.ts';
import { readFileBounded } from './safe-path.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** The folder briefdeck owns beside an outline file. */
export const STORE_DIR = '.briefdeck';

/** Where the outline as last generated is recorded: `<dir>/.briefdeck/<name>.outline.md`. */
export function basePathFor(outlinePath: string): string {
  return join(dirname(outlinePath), STORE_DIR, basename(outlinePath));
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
 * Carry out an {@link OutlineUpdate}: back up, write the outline (atomically,
 * and only if the file still holds `expected`, the text the update was made
 * from), then record the new base.
 */
export async function saveOutline(outlinePath: string, update: OutlineUpdate, expected: string | undefined): Promise<SavedOutline> {
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
    await writeFileAtomic(outlinePath, update.text);
  }
  if (update.base !== undefined) await writeFileAtomic(basePathFor(outlinePath), update.base);
  return saved;
}
