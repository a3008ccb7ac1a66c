/**
 * Crash safety: the real CLI killed with SIGKILL at random moments never leaves a
 * truncated outline or a half-written deck. After every kill:
 * - the outline file is absent or whole (byte for byte what a full build writes);
 * - `index.html` is absent or whole: one of the two complete decks (the builds
 *   alternate themes, so assets change between them);
 * - every asset `index.html` loads exists whole (same bytes as its source), so an
 *   old `index.html` beside newly written assets still works;
 * - every other file in the deck folder is whole too.
 * 80 kills with BRIEFDECK_HEAVY_TESTS (CI), 16 without; every write point is killed in turn by
 * crash-points.test.ts, so these random kills look for what a fixed list of points would miss.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deckAssets } from '../../src/render/render.ts';
import type { ThemeName } from '../../src/outline/themes.ts';
import { writeFileAtomic } from '../../src/node/write-atomic.ts';
import { LAUNCHER } from '../helpers/cli.ts';
import { parseDeck, seededRandom } from '../helpers/security-helpers.ts';

const REPO = join(import.meta.dirname, '..', '..');
const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);
const KILLS = HEAVY ? 80 : 16;
const SEED = Number(process.env.BRIEFDECK_SEED ?? Date.now() % 1_000_000);
const THEMES: ThemeName[] = ['light', 'dark'];

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

/** When to kill a run: `after` ms from its start, or `afterFirstWrite` ms after its first temporary file appears. */
type Kill = { after: number } | { afterFirstWrite: number };

/** Start the CLI on `article.md` in `cwd` (in one process, so the kill hits the build itself); kill it with SIGKILL as `kill` says. */
function runCli(cwd: string, theme: ThemeName, kill?: Kill): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [LAUNCHER, 'article.md', '--out', 'out', '--theme', theme], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    if (kill && 'after' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.after);
    if (kill && 'afterFirstWrite' in kill) {
      // inotify tells of the first temporary file as it is created (polling misses writes this quick).
      watcher = watch(cwd, { recursive: true }, (_, name) => {
        if (timer !== undefined || !name || !/\.tmp-\d+-/.test(name)) return;
        timer = setTimeout(() => child.kill('SIGKILL'), kill.afterFirstWrite);
      });
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ code, signal, ms: performance.now() - start, stderr });
    });
  });
}

/** An article big enough that writing its deck takes a while (72 slides). */
function article(): string {
  const random = seededRandom(7);
  const words = 'the council said its budget would move schools north after talks failed and officials expected more protests'.split(' ');
  const sentence = () => {
    const text = Array.from({ length: 10 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]!).join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const sections = Array.from({ length: 60 }, (_, index) => `## Section ${index + 1}\n\n${Array.from({ length: 6 }, sentence).join(' ')}\n`);
  return `# Crash test\n\n${sections.join('\n')}`;
}

interface Whole {
  /** The outline a build with each theme generates (it records the theme). */
  outline: Record<ThemeName, string>;
  html: Record<ThemeName, string>;
}

/** The files `index.html` loads: its stylesheets and scripts. */
function referencedAssets(html: string): string[] {
  const out: string[] = [];
  const walk = (node: { children?: unknown[]; type?: string; tagName?: string; properties?: Record<string, unknown> }) => {
    if (node.type === 'element' && node.tagName === 'link') out.push(String(node.properties?.href));
    if (node.type === 'element' && node.tagName === 'script') out.push(String(node.properties?.src));
    for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
  };
  walk(parseDeck(html) as never);
  return out;
}

/** What a kill could have changed: the outline, index.html and the asset names, as one string. */
function deckState(dir: string): string {
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '-');
  const assets = join(dir, 'out', 'article', 'assets');
  return [read(join(dir, 'article.outline.md')), read(join(dir, 'out', 'article', 'index.html')), existsSync(assets) ? readdirSync(assets).sort().join(',') : '-'].join('\0');
}

/** Temporary files of atomic writes anywhere in the workspace. */
function temporaries(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((path) => /\.tmp-\d+-/.test(path));
}

/** Every way the workspace is not a consistent state; empty when it is. */
function inconsistencies(dir: string, whole: Whole): string[] {
  const problems: string[] = [];
  const outlinePath = join(dir, 'article.outline.md');
  if (existsSync(outlinePath) && !THEMES.some((theme) => readFileSync(outlinePath, 'utf8') === whole.outline[theme])) problems.push('outline file is not whole');
  const deck = join(dir, 'out', 'article');
  const indexPath = join(deck, 'index.html');
  const sources = new Map(THEMES.flatMap((theme) => deckAssets(theme)).map((asset) => [asset.to, asset.from]));
  if (existsSync(indexPath)) {
    const html = readFileSync(indexPath, 'utf8');
    if (!THEMES.some((theme) => whole.html[theme] === html)) problems.push(`index.html is not a whole deck (${html.length} bytes)`);
    else {
      for (const asset of referencedAssets(html)) {
        const path = join(deck, asset);
        if (!existsSync(path)) problems.push(`index.html loads ${asset}, which is missing`);
      }
    }
  }
  const assets = join(deck, 'assets');
  if (existsSync(assets)) {
    for (const name of readdirSync(assets)) {
      if (/\.tmp-/.test(name)) continue; // a temporary file the killed build left: never loaded by a deck
      const from = sources.get(`assets/${name}`);
      if (!from) problems.push(`unexpected asset ${name}`);
      else if (!readFileSync(join(assets, name)).equals(readFileSync(from))) problems.push(`asset ${name} is not whole`);
    }
  }
  return problems;
}

describe('temporary files of killed writes', () => {
  it('should be removed by the next write of the same file, and only when their process is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-temporaries-'));
    workspaces.push(dir);
    // A process that has exited: its id is not running any more.
    const gone = spawn(process.execPath, ['-e', '0']);
    const pid = gone.pid!;
    await new Promise((done) => gone.on('exit', done));
    writeFileSync(join(dir, `.index.html.tmp-${pid}-0badc0de`), '<!doctype html><html><bo');
    writeFileSync(join(dir, '.index.html.tmp-1-0badc0de'), 'a write in progress by a running process');
    writeFileSync(join(dir, `.other.html.tmp-${pid}-0badc0de`), 'another file');
    await writeFileAtomic(join(dir, 'index.html'), 'whole');
    expect(readdirSync(dir).sort()).toEqual(['.index.html.tmp-1-0badc0de', `.other.html.tmp-${pid}-0badc0de`, 'index.html']);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('whole');
  });
});

describe(`kill -9 during builds (BRIEFDECK_SEED=${SEED})`, () => {
  it(`should leave a whole outline and a working deck after each of ${KILLS} kills`, async () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'briefdeck-crash-')));
    workspaces.push(...dirs);
    const text = article();
    for (const dir of dirs) writeFileSync(join(dir, 'article.md'), text);

    // Whole builds first: the outline and both decks as a finished build writes them.
    const whole = { html: {}, outline: {} } as Whole;
    let fullMs = 0;
    for (const theme of THEMES) {
      rmSync(join(dirs[0]!, 'article.outline.md'), { force: true });
      rmSync(join(dirs[0]!, '.briefdeck'), { recursive: true, force: true });
      const run = await runCli(dirs[0]!, theme);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      fullMs = Math.max(fullMs, run.ms);
      whole.html[theme] = readFileSync(join(dirs[0]!, 'out', 'article', 'index.html'), 'utf8');
      whole.outline[theme] = readFileSync(join(dirs[0]!, 'article.outline.md'), 'utf8');
    }
    expect(whole.html.light).not.toBe(whole.html.dark);

    const random = seededRandom(SEED);
    const outcomes = { killed: 0, finished: 0, leftovers: 0, afterWrites: 0 };
    const failures: string[] = [];
    // Run until KILLS builds were killed (a kill aimed late may come after the build finished).
    let runs = 0;
    const worker = async (dir: string) => {
      for (let i = 0; outcomes.killed < KILLS && runs < KILLS * 4; i += 1) {
        runs += 1;
        const theme = THEMES[Math.floor(random() * 2)]!;
        // Half the runs write a new outline (it is only ever written when missing).
        if (random() < 0.5) {
          rmSync(join(dir, 'article.outline.md'), { force: true });
          rmSync(join(dir, '.briefdeck'), { recursive: true, force: true });
        }
        // A quarter of the kills at any moment of a run; the rest aimed at the writes, which take
        // a few hundred milliseconds at the end of a run and would rarely be hit by chance.
        const kill: Kill = random() < 0.25 ? { after: Math.floor(random() * fullMs * 1.1) } : { afterFirstWrite: Math.floor(random() * 60) };
        const delay = JSON.stringify(kill);
        const before = deckState(dir);
        const run = await runCli(dir, theme, kill);
        if (run.signal === 'SIGKILL') {
          outcomes.killed += 1;
          if (deckState(dir) !== before) outcomes.afterWrites += 1;
        }
        else {
          outcomes.finished += 1;
          if (run.code !== 0) failures.push(`run ${i} exited ${run.code}: ${run.stderr}`);
        }
        for (const problem of inconsistencies(dir, whole)) failures.push(`after a kill ${delay} (${theme}): ${problem}`);
      }
    };
    await Promise.all(dirs.map((dir) => worker(dir)));
    for (const dir of dirs) outcomes.leftovers += temporaries(dir).length;
    console.info(`crash safety: ${outcomes.killed} killed (${outcomes.afterWrites} after some file was written), ${outcomes.finished} finished, full build ${fullMs.toFixed(0)} ms, ${outcomes.leftovers} temporary files left before the next builds swept them`);
    expect(failures).toEqual([]);
    expect(outcomes.killed).toBeGreaterThanOrEqual(KILLS);

    // And builds after all that come out whole, and sweep away what killed writes left behind.
    for (const dir of dirs) {
      rmSync(join(dir, 'article.outline.md'), { force: true });
      for (const theme of ['dark', 'light'] as const) {
        const run = await runCli(dir, theme);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
      }
      expect(readFileSync(join(dir, 'out', 'article', 'index.html'), 'utf8')).toBe(whole.html.light);
      expect(inconsistencies(dir, whole)).toEqual([]);
      expect(temporaries(dir)).toEqual([]);
    }
  }, 1_200_000);
});
