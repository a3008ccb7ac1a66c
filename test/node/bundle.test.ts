/**
 * The prebuilt bundle that `npm run build` runs (scripts/briefdeck.mjs running
 * lib/briefdeck.cjs): it must build exactly what the sources build, find its
 * asset files from any folder, load the heavy modules only when used, and be
 * remade when a source changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_PATH, fileStamp, MANIFEST_PATH, staleInputs } from '../../scripts/bundle.mjs';
import { findChromium } from '../../src/node/browser.ts';
import { TAGGER_MODEL_CACHE } from '../../src/node/tagger-model.ts';
import { LAUNCHER, REPO_ROOT, runSourceCli, seedWorkspace } from '../helpers/cli.ts';


/** Run the bundled CLI in `cwd`; `preload` is a CommonJS file required first. */
function runBundled(args: string[], cwd: string, preload?: string) {
  const result = spawnSync(process.execPath, [...(preload ? ['--require', preload] : []), LAUNCHER, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder, as relative paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('bundle', () => {
  const dirs: string[] = [];
  beforeAll(() => {
    // `npm ci` makes the tagger's model cache too (a build would otherwise make it when it first needs it).
    rmSync(TAGGER_MODEL_CACHE, { force: true });
    // Made from another folder, as `npm ci` in a clone or a build run from elsewhere would.
    const made = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: tmpdir(), encoding: 'utf8' });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
  }, 120_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('should make the tagger model cache beside the bundle, so the first outline generated finds it', () => {
    expect(readFileSync(TAGGER_MODEL_CACHE).subarray(0, 25).toString('utf8')).toBe('briefdeck-tagger-model-1\n');
  });

  it('should build the seed deck byte for byte as the sources do, from another folder', () => {
    // Others edit the sources while tests run: compare only two runs between which no source changed.
    let fromSources = '';
    let fromBundle = '';
    let expected: ReturnType<typeof runSourceCli> | undefined;
    let actual: ReturnType<typeof runBundled> | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      runBundled(['--help'], tmpdir()); // remakes the bundle if a source changed
      const before = readFileSync(MANIFEST_PATH, 'utf8');
      fromSources = seedWorkspace();
      fromBundle = seedWorkspace();
      dirs.push(fromSources, fromBundle);
      expected = runSourceCli(['content/isis-central-asia.txt', '--out', 'dist'], fromSources);
      actual = runBundled(['content/isis-central-asia.txt', '--out', 'dist'], fromBundle);
      const after = readFileSync(MANIFEST_PATH, 'utf8');
      if (after === before && staleInputs(after).length === 0) break;
    }
    if (!expected || !actual) throw new Error('unreachable');
    expect(expected.status).toBe(0);
    expect(actual.status).toBe(0);
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.stderr.replace(/^briefdeck: rebuilt .*\n/m, '')).toBe(expected.stderr);
    expect(readFileSync(join(fromBundle, 'content', 'isis-central-asia.outline.md'), 'utf8')).toBe(
      readFileSync(join(fromSources, 'content', 'isis-central-asia.outline.md'), 'utf8'),
    );
    const deck = join('dist', 'isis-central-asia');
    const files = filesUnder(join(fromSources, deck));
    expect(filesUnder(join(fromBundle, deck))).toEqual(files);
    expect(files).toContain('index.html');
    for (const file of files) {
      expect(readFileSync(join(fromBundle, deck, file)), file).toEqual(readFileSync(join(fromSources, deck, file)));
    }
  });

  it('should load neither the PDF library, the browser driver nor the language model for a build from a kept outline', () => {
    const dir = seedWorkspace();
    dirs.push(dir);
    const first = runBundled(['content/isis-central-asia.txt', '--out', 'dist'], dir);
    expect(first.status).toBe(0);
    const preload = join(dir, 'list-packages.cjs');
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write('packages: ' + [...new Set(Object.keys(require.cache).flatMap((path) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(path)?.[1] ?? []))].sort().join(' ') + '\\n'));\n",
    );
    const second = runBundled(['content/isis-central-asia.txt', '--out', 'dist'], dir, preload);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('(kept)');
    const packages = /^packages: (.*)$/m.exec(second.stderr)?.[1]?.split(' ') ?? [];
    for (const heavy of ['pdf-lib', 'playwright-core', 'wink-nlp', 'wink-eng-lite-web-model', 'esbuild']) expect(packages).not.toContain(heavy);
  });

  it('should print a PDF through the bundle with its code cache in place', () => {
    findChromium(); // Throws with the install command when there is no Chromium.
    const dir = seedWorkspace();
    dirs.push(dir);
    // The first run leaves the code cache; the second compiles from it (where a dynamic import() once failed).
    expect(runBundled(['content/isis-central-asia.txt', '--out', 'dist'], dir).status).toBe(0);
    expect(readdirSync(join(REPO_ROOT, 'lib')).some((name) => name.endsWith('.v8cache'))).toBe(true);
    const result = runBundled(['content/isis-central-asia.txt', '--out', 'dist', '--pdf'], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(result.status).toBe(0);
    const pdf = readFileSync(join(dir, 'dist', 'isis-central-asia', 'isis-central-asia.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('should build a large article in a Node with a capped heap, and a small one without the detour', () => {
    const dir = seedWorkspace();
    dirs.push(dir);
    // Only the size matters here: `--help` stops the build before it reads the file.
    writeFileSync(join(dir, 'large.md'), `# Large\n\n${'A sentence of prose. '.repeat(120_000)}\n`);
    const preload = join(dir, 'heap-limit.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('heap limit MB: ' + Math.round(require('v8').getHeapStatistics().heap_size_limit / 1048576) + '\\n'));\n");
    const limits = (stderr: string) => [...stderr.matchAll(/^heap limit MB: (\d+)$/gm)].map((match) => Number(match[1]));
    const small = runBundled(['content/isis-central-asia.txt', '--help'], dir, preload);
    expect(small.status).toBe(0);
    const [defaultLimit] = limits(small.stderr);
    expect(limits(small.stderr)).toHaveLength(1);
    const large = runBundled(['large.md', '--help'], dir, preload);
    expect(large.status).toBe(0);
    expect(large.stdout).toContain('Usage:');
    if (defaultLimit! > 1.5 * 1024) {
      // The launcher, then its child with the cap (plus V8's young generation).
      expect(limits(large.stderr)).toHaveLength(2);
      expect(limits(large.stderr)[0]).toBeGreaterThan(1024);
      expect(limits(large.stderr)[0]).toBeLessThan(1024 + 100);
    } else {
      expect(limits(large.stderr)).toEqual([defaultLimit]);
    }
  });

  it('should call the bundle stale when a source differs from its manifest, and current when none does', () => {
    expect(existsSync(BUNDLE_PATH)).toBe(true);
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { files: Record<string, [number, number] | null> };
    const current = Object.fromEntries(Object.keys(manifest.files).map((path) => [path, fileStamp(join(REPO_ROOT, path)) ?? null]));
    expect(staleInputs(JSON.stringify({ files: current }))).toEqual([]);
    expect(Object.keys(current)).toContain('src/render/render.ts');
    // Every recorded input is a file of the project, named from its root (whatever folder the bundle was made in).
    for (const path of Object.keys(manifest.files)) expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
    expect(staleInputs(JSON.stringify({ files: { ...current, 'src/render/render.ts': [1, 1] } }))).toEqual(['src/render/render.ts']);
    expect(staleInputs(JSON.stringify({ files: { ...current, 'src/not-yet-written.ts': null } }))).toEqual([]);
    expect(staleInputs(JSON.stringify({ files: { ...current, 'src/deleted.ts': [1, 1] } }))).toEqual(['src/deleted.ts']);
    expect(staleInputs(undefined)).toEqual(['lib/manifest.json']);
    expect(staleInputs('{ not json')).toEqual(['lib/manifest.json']);
  });
});
