#!/usr/bin/env node
/**
 * briefdeck's launcher, the package's `bin` (`npx briefdeck`) and what `npm run build` runs: check that the prebuilt bundle
 * (`lib/briefdeck.cjs`, see bundle.mjs) is current, remake it if a source changed,
 * then run it with the command-line arguments.
 *
 * The bundle is compiled through `vm.Script` with a V8 code cache kept beside it,
 * so later runs skip parsing and compiling its megabyte of JavaScript (Node 22's
 * `module.enableCompileCache()` does the same; Node 20 has no such switch).
 * A large article (over 2 MB) is built in a child Node with a capped heap, which
 * keeps the peak memory of an 8 MB article under 600 MB.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import vm from 'node:vm';
import { BUILD_ID_PREFIX, BUNDLE_PATH, ENTRY, LIB_DIR, MANIFEST_PATH, bundle, codeCacheName, staleInputs } from './bundle.mjs';

function readIfExists(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch {
    return undefined;
  }
}

/** Articles larger than this build in a Node whose heap is capped at {@link HEAP_CAP_MB}. */
const LARGE_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * The old-generation cap for large articles, in MB. V8 sizes its heap growth to
 * its limit (a sixth of the memory, 4 GB on a 24 GB machine) and let an 8 MB
 * article's build reach 700 MB, most of it garbage; under a 1 GB cap the same
 * build peaks near 450 MB at no cost in time. The largest article accepted
 * (20 MB) needs under 560 MB of live heap, so the cap leaves room to spare.
 */
const HEAP_CAP_MB = 1024;

/**
 * Whether the build reads an article larger than {@link LARGE_ARTICLE_BYTES}: a file
 * named in the arguments or, when they name none, one in `content/` (what the CLI
 * then builds). Only sizes are looked at, with a `stat` each.
 */
function largeArticleGiven(args) {
  const sizes = args.filter((arg) => !arg.startsWith('-')).map((arg) => statIfFile(resolve(arg)));
  const named = sizes.filter((size) => size !== undefined);
  if (named.length > 0) return named.some((size) => size > LARGE_ARTICLE_BYTES);
  let names = [];
  try {
    names = readdirSync('content');
  } catch {
    return false;
  }
  return names.some((name) => (statIfFile(join('content', name)) ?? 0) > LARGE_ARTICLE_BYTES);
}

/** The size of a regular file, or undefined for a folder or a path that does not exist. */
function statIfFile(path) {
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run this launcher again in a child Node with the heap cap, passing signals on
 * (a stopped `--watch`, a killed build) so the child never outlives it.
 */
async function runCapped() {
  // Loaded here only: node:child_process takes some 3 ms to load, which a small build need not pay.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MB}`, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BRIEFDECK_HEAP_CAPPED: String(HEAP_CAP_MB) },
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 70);
  });
}

/** Remake the bundle if a source changed since it was made. Returns false when it cannot be made. */
async function freshenBundle() {
  // An installed package ships its bundle without the sources (and without esbuild): it is current by construction.
  if (!existsSync(ENTRY)) return true;
  const stale = staleInputs(readIfExists(MANIFEST_PATH, 'utf8'));
  if (stale.length === 0) return true;
  try {
    const ms = await bundle();
    const what = stale.length > 3 ? `${stale.slice(0, 3).join(', ')} and ${stale.length - 3} more` : stale.join(', ');
    process.stderr.write(`briefdeck: rebuilt ${relative(process.cwd(), BUNDLE_PATH)} in ${ms} ms (changed: ${what})\n`);
    return true;
  } catch (error) {
    // esbuild has printed the source errors; a bundle left from before would run stale code, so stop.
    process.stderr.write(`briefdeck: cannot bundle the sources: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return false;
  }
}

/** Run the bundle in this process, compiled from its V8 code cache when there is one. */
function runBundle() {
  // Node 22.1 and later cache the compiled code of the packages loaded at run time too (playwright-core
  // alone takes 0.4 s of CPU to compile); Node 20 has no such cache and skips this.
  Module.enableCompileCache?.(join(LIB_DIR, 'compile-cache'));
  const source = readFileSync(BUNDLE_PATH, 'utf8');
  const mark = source.lastIndexOf(BUILD_ID_PREFIX);
  const id = mark === -1 ? undefined : /^[0-9a-f]+/.exec(source.slice(mark + BUILD_ID_PREFIX.length))?.[0];
  if (id === undefined) {
    // A bundle without a build id: run it without a code cache.
    createRequire(import.meta.url)(BUNDLE_PATH);
    return;
  }
  // Only the heap flags (which the launcher itself adds) name a cache of their own; `--require` and the like are
  // Node's, not V8's, and would leave a cache per temporary file name.
  const cachePath = join(LIB_DIR, codeCacheName(id, process.execArgv.filter((flag) => flag.startsWith('--max-'))));
  const cachedData = readIfExists(cachePath);
  // The bundle holds no `import()` (bundle.mjs makes them `require`), so the script needs no dynamic-import callback.
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE_PATH, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, the cache holds the functions this run compiled lazily too. (Making it takes
    // 15 ms, so it is made once; bundle.mjs makes it with a build that generates an outline.)
    process.once('exit', () => {
      try {
        const temporary = `${cachePath}.tmp-${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cachePath);
      } catch {
        // The cache only saves time; a read-only lib/ folder just goes without it.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE_PATH), module, BUNDLE_PATH, LIB_DIR);
}

// The heap limit is fixed when Node starts, so a large build runs in a child Node with the cap (a 50 ms detour).
// The article sizes are looked at first: node:v8 takes some 4 ms to load.
const capped =
  process.env.BRIEFDECK_HEAP_CAPPED === undefined &&
  largeArticleGiven(process.argv.slice(2)) &&
  (await import('node:v8')).getHeapStatistics().heap_size_limit > 1.5 * HEAP_CAP_MB * 1048576;
if (capped) await runCapped();
else if (await freshenBundle()) runBundle();
else process.exitCode = 70;
