/**
 * briefdeck's launcher, what `npm run build` runs: check that the prebuilt bundle
 * (`lib/briefdeck.cjs`, see bundle.mjs) is current, remake it if a source changed,
 * then run it with the command-line arguments.
 *
 * The bundle is compiled through `vm.Script` with a V8 code cache kept beside it,
 * so later runs skip parsing and compiling its megabyte of JavaScript (Node 22's
 * `module.enableCompileCache()` does the same; Node 20 has no such switch).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import vm from 'node:vm';
import { BUILD_ID_PREFIX, BUNDLE_PATH, LIB_DIR, MANIFEST_PATH, bundle, codeCacheName, staleInputs } from './bundle.mjs';

function readIfExists(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch {
    return undefined;
  }
}

const stale = staleInputs(readIfExists(MANIFEST_PATH, 'utf8'));
if (stale.length > 0) {
  try {
    const ms = await bundle();
    const what = stale.length > 3 ? `${stale.slice(0, 3).join(', ')} and ${stale.length - 3} more` : stale.join(', ');
    process.stderr.write(`briefdeck: rebuilt ${relative(process.cwd(), BUNDLE_PATH)} in ${ms} ms (changed: ${what})\n`);
  } catch (error) {
    // esbuild has printed the source errors; a bundle left from before would run stale code, so stop.
    process.stderr.write(`briefdeck: cannot bundle the sources: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(70);
  }
}

const source = readFileSync(BUNDLE_PATH, 'utf8');
const mark = source.lastIndexOf(BUILD_ID_PREFIX);
const id = mark === -1 ? undefined : /^[0-9a-f]+/.exec(source.slice(mark + BUILD_ID_PREFIX.length))?.[0];

if (id === undefined) {
  // A bundle without a build id: run it without a code cache.
  createRequire(import.meta.url)(BUNDLE_PATH);
} else {
  const cachePath = join(LIB_DIR, codeCacheName(id));
  const cachedData = readIfExists(cachePath);
  // The bundle holds no `import()` (bundle.mjs makes them `require`), so the script needs no dynamic-import callback.
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE_PATH, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, the cache holds the functions this run compiled lazily too.
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
