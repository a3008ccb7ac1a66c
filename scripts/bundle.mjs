/**
 * The prebuilt bundle: build.ts and everything it imports, transpiled once by
 * esbuild into one CommonJS file, `lib/briefdeck.cjs`, so a build does not
 * transpile TypeScript at every run (`npx tsx build.ts` took 1.7 s of CPU for the
 * seed deck, the bundle 0.17 s).
 *
 * Beside it, `lib/manifest.json` lists the files the bundle was made from with
 * their modification time and size: `scripts/briefdeck.mjs` compares them to the
 * files on disk (a few dozen `stat` calls) and remakes the bundle when they differ.
 *
 * Run `node scripts/bundle.mjs` to remake it by hand; `npm ci` runs it as `prepare`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** The project root: the folder holding package.json. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The folder the bundle goes in (git-ignored). */
export const LIB_DIR = join(ROOT, 'lib');
/** The bundle. */
export const BUNDLE_PATH = join(LIB_DIR, 'briefdeck.cjs');
/** The worker threads' bundle: src/node/build-worker.ts, what each thread of the build pool runs. */
export const WORKER_BUNDLE_PATH = join(LIB_DIR, 'build-worker.cjs');
/** What the bundle was made from, for the staleness check. */
export const MANIFEST_PATH = join(LIB_DIR, 'manifest.json');
/** How the bundle's last line starts; the build id follows. */
export const BUILD_ID_PREFIX = '/* briefdeck-build ';

/**
 * File name of the V8 code cache of the build with this id, in {@link LIB_DIR}, for
 * a Node started with these flags (V8 rejects a cache made under other flags, so a
 * capped large build and a plain one keep a cache each rather than replace each other's).
 */
export function codeCacheName(id, flags = []) {
  const flavour = flags.join(' ').replace(/[^\w=.-]+/g, '_').slice(0, 80);
  return `briefdeck-${id}${flavour ? `-${flavour}` : ''}.v8cache`;
}

/** The CLI entry point the bundle is made from (absent from an installed package, which runs its bundle as shipped). */
export const ENTRY = join(ROOT, 'build.ts');
/** The worker threads' entry point. */
const WORKER_ENTRY = join(ROOT, 'src', 'node', 'build-worker.ts');

/**
 * Packages left out of the bundle and loaded from node_modules when (and only
 * when) the code that needs them runs: the browser driver and PDF library are
 * large and used by PDF export and fit measuring only, pptxgenjs (and its zip
 * library) by `--pptx` only; the language model is a large data file loaded on
 * first use; piscina starts its threads from a file of its own package, so it
 * must stay where it was installed. (The tagger's code, wink-nlp, is bundled:
 * see {@link bundledWinkNlp}.)
 */
export const EXTERNAL = ['playwright-core', 'playwright', 'pdf-lib', 'pptxgenjs', 'wink-eng-lite-web-model', 'piscina'];

/**
 * Files whose change makes the bundle stale besides its inputs: this script and
 * the package and lock files (a dependency was added or updated). The deck's
 * client files are not among them: the bundle reads them from src/render/client/ at run time.
 */
const EXTRA_INPUTS = ['scripts/bundle.mjs', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

/** The bundle's helper that turns a path relative to the bundle's folder into a file URL (defined in its banner, where `require` is the real one). */
const FILE_URL = '__briefdeckFileUrl';
const BANNER = `var ${FILE_URL} = (path) => require('node:url').pathToFileURL(require('node:path').join(__dirname, path)).href;`;

/**
 * esbuild plugin: give every module its own `import.meta.url`, the URL of its
 * source file, as when it runs unbundled. render.ts finds `src/render/client/` and
 * reveal.js from it, tagger-model.ts its model cache; in a CommonJS bundle esbuild
 * would otherwise make `import.meta` an empty object.
 */
function ownImportMetaUrl() {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        // The path relative to the bundle's folder, resolved at run time, so the project folder can move.
        const fromLib = relative(LIB_DIR, args.path).split('\\').join('/');
        const loader = args.path.endsWith('ts') ? 'ts' : 'js';
        return { contents: text.replaceAll('import.meta.url', `${FILE_URL}(${JSON.stringify(fromLib)})`), loader };
      });
    },
  };
}

/**
 * esbuild plugin: bundle wink-nlp, to be run when first called. src/text/wink-nlp-package.ts
 * requires it through `createRequire`, which works unbundled but which esbuild cannot
 * follow; here it becomes a plain `require('wink-nlp')` inside the function, which
 * esbuild bundles and runs on the call, compiled from the bundle's code cache.
 */
function bundledWinkNlp() {
  return {
    name: 'bundled-wink-nlp',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]text[\\/]wink-nlp-package\.ts$/ }, () => ({
        // The model stays external (EXTERNAL): a plain require of it is left for Node to resolve.
        contents: "export function requireWinkNlp() { return require('wink-nlp'); }\nexport function requireWinkModel() { return require('wink-eng-lite-web-model'); }",
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/** esbuild options of every bundle made here: one CommonJS file for Node 20, kept in memory, the heavy packages left out. */
const NODE_BUNDLE = {
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: BANNER },
  logLevel: 'warning',
};

/** Write a file through a temporary one, so a concurrent run never reads half of it. */
function writeAtomic(path, contents) {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * esbuild plugin: load the packages left out of the bundle (and Node's own
 * modules) with `require` where the source has `await import(...)`. Node 20
 * loses vm's dynamic-import callback for functions compiled from a V8 code
 * cache, so the bundle must contain no `import()` at all; each such import
 * becomes a tiny bundled module that requires the package on first use.
 */
function dynamicImportAsRequire() {
  return {
    name: 'dynamic-import-as-require',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        if (!EXTERNAL.includes(name) && !isBuiltin(args.path)) return undefined;
        return { path: args.path, namespace: 'require-on-use' };
      });
      build.onLoad({ filter: /.*/, namespace: 'require-on-use' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

/** Modification time and size of a file, or undefined when it does not exist. */
export function fileStamp(path) {
  try {
    const info = statSync(path);
    return [info.mtimeMs, info.size];
  } catch {
    return undefined;
  }
}

/**
 * Make `lib/briefdeck.cjs` and `lib/manifest.json`. Returns the build's duration
 * in milliseconds. esbuild is imported here only, so running the bundle never loads it.
 */
export async function bundle() {
  const started = Date.now();
  const esbuild = await import('esbuild').catch((error) => {
    throw new Error(`esbuild is not installed (${error.code ?? error.message}): run \`npm ci\`, which installs the development dependencies too`);
  });
  mkdirSync(LIB_DIR, { recursive: true });
  const options = (entry, outfile) => ({
    entryPoints: [entry],
    // The metafile names inputs relative to this folder, as the manifest records them, wherever the build was started.
    absWorkingDir: ROOT,
    outfile,
    ...NODE_BUNDLE,
    plugins: [bundledWinkNlp(), ownImportMetaUrl(), dynamicImportAsRequire()],
    metafile: true,
    // Minified code parses faster; identifiers keep their names so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    legalComments: 'none',
  });
  const [result, worker] = await Promise.all([esbuild.build(options(ENTRY, BUNDLE_PATH)), esbuild.build(options(WORKER_ENTRY, WORKER_BUNDLE_PATH))]);
  const outputs = [];
  for (const [built, path] of [[result, BUNDLE_PATH], [worker, WORKER_BUNDLE_PATH]]) {
    const code = built.outputFiles.find((file) => file.path === path);
    const map = built.outputFiles.find((file) => file.path === `${path}.map`);
    if (!code || !map) throw new Error(`esbuild did not produce ${path} and its source map`);
    const dynamicImport = /\bimport\((["'`])([^"'`]*)\1\)/.exec(code.text);
    if (dynamicImport) throw new Error(`The bundle would keep \`import(${dynamicImport[1]}${dynamicImport[2]}${dynamicImport[1]})\`, which fails under its code cache: add the package to EXTERNAL in scripts/bundle.mjs`);
    outputs.push({ code, map, path });
  }
  const [{ code }] = outputs;
  // The last line names the build, so a V8 code cache made for another build is never used with this one
  // (V8 checks only the source's length). At the end, it leaves the source map's line numbers as they are.
  const id = createHash('sha256').update(code.contents).digest('hex').slice(0, 16);
  for (const output of outputs) {
    writeAtomic(`${output.path}.map`, output.map.contents);
    writeAtomic(output.path, output.path === BUNDLE_PATH ? `${code.text}${BUILD_ID_PREFIX}${id} */\n` : output.code.text);
  }
  for (const name of readdirSync(LIB_DIR)) {
    if (name.endsWith('.v8cache') && !name.startsWith(`briefdeck-${id}`)) rmSync(join(LIB_DIR, name), { force: true });
  }
  const inputs = [
    // Project files only: packages change through the lock files below; `namespace:path` inputs are made up by plugins.
    ...[...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(worker.metafile.inputs)])].filter((path) => !path.startsWith('node_modules/') && !/^[a-z-]+:/.test(path)),
    ...EXTRA_INPUTS,
  ];
  const files = {};
  for (const path of inputs) {
    const stamp = fileStamp(join(ROOT, path));
    // A file changed while esbuild read it may not be in the bundle: record it so the next run rebuilds.
    files[path] = stamp && stamp[0] < started ? stamp : stamp ? [0, 0] : null;
  }
  const lines = Object.entries(files).map(([path, stamp]) => `  ${JSON.stringify(path)}: ${JSON.stringify(stamp)}`);
  writeAtomic(MANIFEST_PATH, `{"id": ${JSON.stringify(id)}, "files": {\n${lines.join(',\n')}\n}}\n`);
  try {
    await makeTaggerModelCache(esbuild);
  } catch (error) {
    // The cache only saves time (the first outline makes it otherwise): never a reason to fail `npm ci` or a build.
    process.stderr.write(`briefdeck: no tagger model cache (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the tagger loads its package's model instead, 0.1 s slower\n`);
  }
  await makeCodeCache(id);
  return Date.now() - started;
}

/**
 * Make the tagger's model cache (`lib/tagger-model.bin`, see src/node/tagger-model.ts) unless it is
 * current: src/node/tagger-model.ts is bundled on its own and run here. This is the only place the
 * cache is made (a build never writes into the package); without it, builds load the package's own
 * model, 0.1 s slower.
 */
async function makeTaggerModelCache(esbuild) {
  const result = await esbuild.build({
    stdin: { contents: "module.exports = require('./src/node/tagger-model.ts');", resolveDir: ROOT, sourcefile: 'tagger-model-cache.cjs', loader: 'js' },
    ...NODE_BUNDLE,
    plugins: [ownImportMetaUrl()],
  });
  // Run as if it were a file in lib/, where the banner resolves the paths of the sources it came from.
  const filename = join(LIB_DIR, 'tagger-model-cache.cjs');
  const module = { exports: {} };
  vm.runInThisContext(Module.wrap(result.outputFiles[0].text), { filename })(module.exports, createRequire(filename), module, filename, LIB_DIR);
  if (!module.exports.writeTaggerModelCache()) throw new Error('the cache could not be written in lib/');
}

/**
 * Make the bundle's V8 code cache with a build that generates an outline: the seed article in a
 * temporary folder, through the launcher in a child Node. The cache is made once, at the exit of
 * the first run, and holds the functions that run compiled: made by a build that kept its outline
 * (or by `--help`), it would lack the tagger, the claims and the compression, which every outline
 * generated would then compile again (90 ms of a 0.3 s build). Skipped in that child itself.
 */
async function makeCodeCache(id) {
  const seed = join(ROOT, 'content', 'isis-central-asia.txt');
  if (process.env.BRIEFDECK_MAKING_CODE_CACHE || !fileStamp(seed)) return;
  // Loaded here only: the launcher imports this module at every build.
  const [{ spawnSync }, { tmpdir }] = await Promise.all([import('node:child_process'), import('node:os')]);
  rmSync(join(LIB_DIR, codeCacheName(id)), { force: true });
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-code-cache-'));
  try {
    copyFileSync(seed, join(dir, 'seed.txt'));
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'briefdeck.mjs'), join(dir, 'seed.txt'), '--out', join(dir, 'dist')], {
      stdio: 'ignore',
      env: { ...process.env, BRIEFDECK_MAKING_CODE_CACHE: '1' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Whether the bundle is missing or older than its sources: a list of the files
 * that differ from the manifest (empty when the bundle is current).
 */
export function staleInputs(manifestText) {
  if (manifestText === undefined) return ['lib/manifest.json'];
  let manifest;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    return ['lib/manifest.json'];
  }
  if (!fileStamp(BUNDLE_PATH)) return [relative(ROOT, BUNDLE_PATH)];
  const changed = [];
  for (const [path, recorded] of Object.entries(manifest.files ?? {})) {
    const stamp = fileStamp(join(ROOT, path));
    // `null` records a file that did not exist: it is stale once it does.
    const same = recorded === null ? stamp === undefined : stamp !== undefined && stamp[0] === recorded[0] && stamp[1] === recorded[1];
    if (!same) changed.push(path);
  }
  return changed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // An installed package (npm runs `prepare` for some installs) ships its bundle and not the sources.
  if (!fileStamp(ENTRY)) process.exit(0);
  const ms = await bundle();
  process.stdout.write(`briefdeck: bundled build.ts into ${relative(process.cwd(), BUNDLE_PATH)} in ${ms} ms\n`);
}
