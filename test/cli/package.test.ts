/**
 * briefdeck as a user meets it: a real process through the package's `bin`, for
 * what only a process shows (exit codes, standard input, the parallel pool), and
 * the packed tarball installed in an empty folder, as `npx briefdeck`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCHER as BIN, REPO_ROOT, SEED_ARTICLE, seedWorkspace } from '../helpers/cli.ts';


function bin(args: string[], cwd: string, input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
}

describe('the bin, as a process', () => {
  it('should exit 2 on bad usage, 1 on bad input and 0 on success, each error one line', () => {
    const dir = seedWorkspace();
    const usage = bin(['--handout', 'a3'], dir);
    expect([usage.status, usage.stderr]).toEqual([2, 'error: --handout expects a4 or letter, not `a3` (briefdeck --help shows the usage)\n']);
    const input = bin(['content/missing.md'], dir);
    expect([input.status, input.stderr]).toEqual([1, 'error: content/missing.md: no such file\n']);
    const ok = bin(['content/isis-central-asia.txt', '-o', 'out'], dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('content/isis-central-asia.txt -> out/isis-central-asia/index.html');
  });

  it('should read the article from standard input', () => {
    const dir = seedWorkspace();
    const result = bin(['-', '--format', 'txt', '-o', 'out'], dir, readFileSync(SEED_ARTICLE, 'utf8'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<stdin> -> out\/stdin\/index\.html \(8 slides/);
    expect(existsSync(join(dir, 'out', 'stdin', 'index.html'))).toBe(true);
  });

  it('should build a folder in parallel on worker threads, and one failure should not stop the others', () => {
    const dir = seedWorkspace();
    for (const name of ['b', 'c', 'd']) cpSync(SEED_ARTICLE, join(dir, 'content', `${name}.txt`));
    mkdirSync(join(dir, 'content', 'e.outline.md'));
    cpSync(SEED_ARTICLE, join(dir, 'content', 'e.txt'));
    const result = bin(['content', '--jobs', '2'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: content/e.outline.md: is a folder, expected a text file\n');
    expect(result.stderr).toMatch(/briefdeck: built 4 of 5 decks in [\d.]+ s, 2 at a time; failed: content\/e\.txt\n$/);
    for (const name of ['b', 'c', 'd', 'isis-central-asia']) expect(existsSync(join(dir, 'dist', name, 'index.html'))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the packed package, installed in an empty folder', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('should run as npx briefdeck: --version, and an article built with -o', () => {
    const pack = mkdtempSync(join(tmpdir(), 'briefdeck-pack-'));
    const app = mkdtempSync(join(tmpdir(), 'briefdeck-app-'));
    made.push(pack, app);
    // The dependencies come from npm's cache when it holds them (npm ci filled it), as on a second install.
    const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_prefer_offline: 'true' } });
    // `npm pack` would run `prepare` and bundle again; the bin remakes a stale bundle as it starts,
    // so one run of it leaves lib/ current and the pack can skip the scripts.
    expect(bin(['--version'], REPO_ROOT).status).toBe(0);
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', pack], REPO_ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(pack).find((name) => /^briefdeck-.*\.tgz$/.test(name))!;
    // Only what the package needs: the launcher, the bundles, the tagger cache and the deck's client files.
    const listed = spawnSync('tar', ['-tzf', join(pack, tarball)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    expect(listed.filter((path) => !path.startsWith('package/src/render/client/'))).toEqual([
      'package/README.md',
      'package/lib/briefdeck.cjs',
      'package/lib/build-worker.cjs',
      'package/lib/tagger-model.bin',
      'package/package.json',
      'package/scripts/briefdeck.mjs',
      'package/scripts/bundle.mjs',
    ]);
    expect(npm(['init', '-y'], app).status).toBe(0);
    const installed = npm(['install', join(pack, tarball)], app);
    expect(installed.status, installed.stderr).toBe(0);
    const version = spawnSync('npx', ['briefdeck', '--version'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    const { version: expected } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect([version.status, version.stdout]).toEqual([0, `briefdeck ${expected}\n`]);
    cpSync(SEED_ARTICLE, join(app, 'article.txt'));
    const built = spawnSync('npx', ['briefdeck', 'article.txt', '-o', 'out'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(built.stderr).toBe('note: article.txt:27:1: Dropped web page footer `Join the conversation`\n');
    expect(built.status).toBe(0);
    expect(built.stdout).toBe('article.txt -> out/article/index.html (8 slides, theme light); outline article.outline.md (created)\n');
    for (const asset of ['index.html', 'assets/reveal.js', 'assets/briefdeck.css']) expect(existsSync(join(app, 'out', 'article', asset))).toBe(true);
  }, 600_000);
});
