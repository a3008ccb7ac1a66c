/**
 * Crash safety at every write point: the real CLI (the bundle `npm run build`
 * runs) kills itself with SIGKILL at its Nth write point (before a temporary
 * file is created, before it is filled, before and after each rename: see
 * src/node/write-points.ts), for each N of the points a build that is never killed
 * lists.
 * Each kill starts from the same state, so every point of every kind of build
 * is hit exactly once, including the moment between the outline's rename and
 * its base record's. After each kill:
 * - the outline is whole: the file as it was before, or as the build writes it;
 * - the next build (the same command) exits 0 and leaves exactly what a build
 *   that was never killed leaves: the same outline (the person's edits kept),
 *   the same merge base, the same deck;
 * - no temporary file and no pending base record is left anywhere.
 *
 * With BRIEFDECK_HEAVY_TESTS (CI) every point of all five kinds of build is
 * killed. Without it, `npm test` kills every point of the first build and of
 * the merge of an edited outline, except that of the deck's copied assets
 * (reset.css, reveal.js, ...: one code path, four points each) it kills those
 * of the first two only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCHER, REPO_ROOT } from '../helpers/cli.ts';

const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);

const root = mkdtempSync(join(tmpdir(), 'briefdeck-crash-points-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SENTENCES = [
  'The council said its budget would move schools north after talks failed.',
  'Officials expected more protests in the capital before the vote.',
  'The mayor said the plan would cut spending on roads by a third.',
  'Teachers said they had not been asked about the move.',
  'Parents in the northern districts welcomed the new buildings.',
  'The opposition said the figures did not add up.',
];

/** A small Markdown article; `version` changes one section, as a person revising it would. */
function article(version: number): string {
  const sections = Array.from({ length: 4 }, (_, index) => {
    const sentences = SENTENCES.map((sentence, i) => SENTENCES[(i + index) % SENTENCES.length]!);
    if (index === 2 && version > 1) sentences.splice(1, 1, `The finance committee rejected the plan in its ${version === 2 ? 'second' : 'third'} reading on Tuesday.`);
    return `## Section ${index + 1}\n\n${sentences.join(' ')}\n`;
  });
  return `# Budget talks\n\n${sections.join('\n')}`;
}

const EDIT = '- A bullet the presenter wrote by hand';

/** Run the CLI in `dir` on article.md; `crashAt` sets the write point to die at. */
function build(dir: string, args: string[], crashAt?: number) {
  const result = spawnSync(process.execPath, [LAUNCHER, 'article.md', '--out', 'out', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', BRIEFDECK_CRASH_AT_WRITE_POINT: crashAt === undefined ? '' : String(crashAt) },
  });
  return { status: result.status, signal: result.signal, stderr: result.stderr };
}

/** Every file under `dir`, as path -> text (the workspace's whole state). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of readdirSync(dir, { recursive: true }) as string[]) {
    const full = join(dir, path);
    try {
      files.set(path, readFileSync(full, 'utf8'));
    } catch {
      // a folder
    }
  }
  return files;
}

/** Temporary files of atomic writes and pending base records, anywhere in `dir`. */
function leftovers(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((path) => /\.tmp-\d+-|\.pending-/.test(path));
}

interface Scenario {
  name: string;
  /** Make the state the killed build starts from, in `dir`. */
  setUp: (dir: string) => void;
  args: string[];
  /** The arguments of the build after the kill; default the same. */
  after?: string[];
  /** Outlines the person may find after the build: default only the one a build that is never killed writes. */
  outcomes?: (before: string | undefined, reference: string) => string[];
  /** Text that must be in the outline after the builds (the person's edit). */
  keeps?: string;
}

/** A workspace where article v1 was built and the person then edited the outline. */
function editedV1(dir: string): void {
  writeFileSync(join(dir, 'article.md'), article(1));
  const first = build(dir, []);
  if (first.status !== 0) throw new Error(first.stderr);
  const outline = readFileSync(join(dir, 'article.outline.md'), 'utf8');
  const edited = outline.replace(/^(## Section 2[^\n]*\n\n(?:- [^\n]*\n)*)/m, `$1${EDIT}\n`);
  if (edited === outline) throw new Error('the edit did not apply');
  writeFileSync(join(dir, 'article.outline.md'), edited);
}

const SCENARIOS: Scenario[] = [
  { name: 'a first build (outline created, deck written)', setUp: (dir) => writeFileSync(join(dir, 'article.md'), article(1)), args: [] },
  {
    name: 'an edited outline merged with a changed article',
    setUp: (dir) => {
      editedV1(dir);
      writeFileSync(join(dir, 'article.md'), article(2));
    },
    args: [],
    keeps: EDIT,
  },
  {
    name: 'an outline left as generated, following a changed article',
    setUp: (dir) => {
      writeFileSync(join(dir, 'article.md'), article(1));
      build(dir, []);
      writeFileSync(join(dir, 'article.md'), article(2));
    },
    args: [],
  },
  {
    name: 'a merge after a merge (the second article change)',
    setUp: (dir) => {
      editedV1(dir);
      writeFileSync(join(dir, 'article.md'), article(2));
      build(dir, []);
      writeFileSync(join(dir, 'article.md'), article(3));
    },
    args: [],
    keeps: EDIT,
  },
  {
    name: 'an edited outline regenerated (--regenerate, its backup written)',
    setUp: editedV1,
    args: ['--regenerate'],
    after: [],
    // Killed before the outline's rename, the person's file is still there and the next build keeps it.
    outcomes: (before, reference) => [before!, reference],
  },
];

/** A deck asset copied as it is: every one is written by the same code. */
const COPIED_ASSET = /\.(?:css|js)\b/;

/**
 * The write points a build in `dir` passes, in order (1, 2, ...), that `npm test`
 * kills: all of them with BRIEFDECK_HEAVY_TESTS; otherwise those of the first two
 * copied assets stand for the rest.
 */
function pointsToKill(dir: string, args: string[]): number[] {
  const listing = build(dir, args, 100_000);
  if (listing.status !== 0) throw new Error(listing.stderr);
  const points = [...listing.stderr.matchAll(/write point (\d+): \w+ (\S+)/g)].map((match) => ({ n: Number(match[1]), path: match[2]! }));
  if (HEAVY) return points.map((point) => point.n);
  const assets = [...new Set(points.filter((point) => COPIED_ASSET.test(point.path)).map((point) => point.path.replace(/.*\//, '').replace(/^\.|\.tmp-.*/g, '')))];
  return points.filter((point) => !COPIED_ASSET.test(point.path) || assets.slice(0, 2).includes(point.path.replace(/.*\//, '').replace(/^\.|\.tmp-.*/g, ''))).map((point) => point.n);
}

describe('kill -9 at every write point of a build', () => {
  const counts: string[] = [];
  afterAll(() => console.info(`crash points: ${counts.join('; ')}`));

  for (const scenario of HEAVY ? SCENARIOS : SCENARIOS.slice(0, 2)) {
    it(`should end consistent after a kill at any write point of ${scenario.name}`, () => {
      const template = join(root, `${SCENARIOS.indexOf(scenario)}-template`);
      mkdirSync(template, { recursive: true });
      scenario.setUp(template);
      const before = existsSync(join(template, 'article.outline.md')) ? readFileSync(join(template, 'article.outline.md'), 'utf8') : undefined;

      // The reference: the build never killed, then the build after it.
      const reference = join(root, `${SCENARIOS.indexOf(scenario)}-reference`);
      cpSync(template, reference, { recursive: true });
      const whole = build(reference, scenario.args);
      expect(whole.stderr).not.toMatch(/error/);
      expect(whole.status).toBe(0);
      expect(build(reference, scenario.after ?? scenario.args).status).toBe(0);
      const expected = snapshot(reference);
      const referenceOutline = expected.get('article.outline.md')!;
      if (scenario.keeps) expect(referenceOutline).toContain(scenario.keeps);
      const allowed = scenario.outcomes?.(before, referenceOutline) ?? [referenceOutline];

      const listing = join(root, `${SCENARIOS.indexOf(scenario)}-listing`);
      cpSync(template, listing, { recursive: true });
      const toKill = pointsToKill(listing, scenario.args);

      const problems: string[] = [];
      let points = 0;
      const where = new Map<string, number>();
      for (const n of toKill) {
        const dir = join(root, `${SCENARIOS.indexOf(scenario)}-kill-${n}`);
        cpSync(template, dir, { recursive: true });
        const killed = build(dir, scenario.args, n);
        expect(killed.signal, `point ${n}: ${killed.stderr}`).toBe('SIGKILL');
        points += 1;
        const point = /crashing at write point \d+: (\w+) (\S+)/.exec(killed.stderr);
        const kind = point ? `${point[1]} ${point[2]!.replace(/.*\//, '').replace(/\.tmp-.*|\.pending-.*/, '*')}` : 'unknown';
        where.set(kind, (where.get(kind) ?? 0) + 1);
        const outlineNow = existsSync(join(dir, 'article.outline.md')) ? readFileSync(join(dir, 'article.outline.md'), 'utf8') : undefined;
        if (outlineNow !== undefined && outlineNow !== before && outlineNow !== referenceOutline) problems.push(`point ${n} (${kind}): the outline is not whole`);

        const next = build(dir, scenario.after ?? scenario.args);
        if (next.status !== 0 || /error/.test(next.stderr)) problems.push(`point ${n} (${kind}): the next build exited ${next.status}: ${next.stderr.trim()}`);
        const state = snapshot(dir);
        const outline = state.get('article.outline.md');
        if (outline === undefined || !allowed.includes(outline)) problems.push(`point ${n} (${kind}): the outline after the next build is not what a build never killed leaves`);
        if (scenario.keeps && !outline?.includes(scenario.keeps)) problems.push(`point ${n} (${kind}): the person's edit is lost`);
        const base = state.get('.briefdeck/article.outline.md');
        if (base !== expected.get('.briefdeck/article.outline.md')) problems.push(`point ${n} (${kind}): the merge base is not the one that belongs to the outline`);
        if (outline === referenceOutline && state.get('out/article/index.html') !== expected.get('out/article/index.html')) problems.push(`point ${n} (${kind}): the deck is not the one a build never killed writes`);
        const left = leftovers(dir);
        if (left.length > 0) problems.push(`point ${n} (${kind}): left ${left.join(', ')}`);
        rmSync(dir, { recursive: true, force: true });
      }
      counts.push(`${scenario.name}: ${points} write points killed (${[...where].map(([kind, count]) => (count > 1 ? `${kind} x${count}` : kind)).join(', ')})`);
      expect(problems).toEqual([]);
      expect(points).toBeGreaterThan(3);
    }, 600_000);
  }
});
