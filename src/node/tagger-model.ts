/**
 * The tagger's model at the edge: the cache of wink's English model
 * (`lib/tagger-model.bin`, encoded by src/text/tagger-model.ts) read from the
 * package folder, and the taggers made from it.
 *
 * The cache is made at install only (`npm ci` runs `prepare`, scripts/bundle.mjs,
 * which calls {@link writeTaggerModelCache}); a build never writes into the
 * package. It is used only while it matches the installed package (its version
 * and the size and time of its model file); a missing, stale or damaged cache, or
 * an unexpected model layout, falls back to the package's own loader, in memory:
 * always right, only slower (about 0.1 s).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, type Tagger } from '../text/nlp.ts';
import { CORE_JSON, decodeCoreModel, DIST, encodeCoreModel, MODEL_PACKAGE, type CoreModel, type WinkModel, type WordIndex } from '../text/tagger-model.ts';

/** Where the cache lives: the project's git-ignored `lib/`, beside the prebuilt bundle. */
export const TAGGER_MODEL_CACHE = fileURLToPath(new URL('../../lib/tagger-model.bin', import.meta.url));

/** What the installed package is, to tell whether a cache was made from it. */
function packageStamp(require: NodeJS.Require): string {
  const version = (require(`${MODEL_PACKAGE}/package.json`) as { version: string }).version;
  const core = statSync(require.resolve(CORE_JSON));
  return `${version} ${core.size} ${Math.round(core.mtimeMs)}`;
}

/** The package's model.js with the given core: its other parts are small, and its core JSON is what the cache replaces. */
function modelWithCore(require: NodeJS.Require, core: CoreModel): WinkModel {
  const part = (name: string) => require(`${DIST}${name}.js`) as unknown;
  const model = Object.create(null) as WinkModel;
  model.core = () => core;
  model.sbd = part('load-sbd-model');
  model.pos = part('load-pos-model');
  model.ner = part('load-ner-model');
  model.negation = part('load-negation-model');
  model.sa = part('load-sa-model');
  model.metaCER = part('load-cer-meta-model');
  model.featureFn = part('feature');
  // Add-ons are looked up only when a text asks for stems, lemmas or readability, which tagging never
  // does: each loads on first use (the lemmatizer's word lists take 11 ms).
  const addons = Object.create(null) as Record<string, unknown>;
  for (const [name, file] of [['stem', 'porter-stemmer'], ['lemmatize', 'lemmatize'], ['readabilityStats', 'readability-stats']] as const) {
    Object.defineProperty(addons, name, { enumerable: true, get: () => part(file) });
  }
  addons.wordVectors = undefined;
  model.addons = addons;
  return model;
}

/**
 * The model wink-nlp is instantiated with: the package's own, with its core
 * loaded from the cache at `cachePath` when that is current, and its words indexed
 * as `wordIndex` says; else the package's loader's, in memory (nothing is
 * written). For one wink-nlp instance: its `core()` returns the same core each
 * time, to which wink-nlp adds the words it reads (the package's makes a fresh one
 * per call); load again for another.
 */
export function loadTaggerModel(cachePath: string = TAGGER_MODEL_CACHE, wordIndex: WordIndex = 'object'): WinkModel {
  const require = createRequire(import.meta.url);
  let stamp: string;
  try {
    stamp = packageStamp(require);
  } catch {
    // A package not laid out as expected: its own loader does it all.
    return require(MODEL_PACKAGE) as WinkModel;
  }
  let cached: CoreModel | undefined;
  try {
    cached = decodeCoreModel(readFileSync(cachePath), stamp, wordIndex);
  } catch {
    // No cache, or a damaged one: the package's loader below.
  }
  if (cached) return modelWithCore(require, cached);
  return require(MODEL_PACKAGE) as WinkModel;
}

/**
 * Make the cache at `cachePath` from the package's own loader, unless it is current
 * there already; true when a current cache is there afterwards. Run at install
 * (scripts/bundle.mjs); a cache that cannot be written is only time lost.
 */
export function writeTaggerModelCache(cachePath: string = TAGGER_MODEL_CACHE): boolean {
  const require = createRequire(import.meta.url);
  let stamp: string;
  let core: CoreModel;
  try {
    stamp = packageStamp(require);
    try {
      if (decodeCoreModel(readFileSync(cachePath), stamp)) return true;
    } catch {
      // Missing or damaged: made below.
    }
    core = (require(`${DIST}load-core-model.js`) as () => CoreModel)();
  } catch {
    return false;
  }
  const data = encodeCoreModel(core, stamp);
  return data !== undefined && writeCache(cachePath, data);
}

/** Write the cache through a temporary file, so a concurrent build never reads half of it. A cache that cannot be written is only time lost. */
function writeCache(path: string, data: Buffer): boolean {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Not even a temporary file could be made there.
    }
    return false;
  }
}

/** Up to how many sentences the model's words are indexed in a Map, quicker to make and slower to read (see src/text/tagger-model.ts). */
const FEW_SENTENCES = 1000;

/** The taggers made from the cache, one per word index (a loaded resource: which one tags changes only the speed). */
const taggers: Partial<Record<WordIndex, Tagger>> = {};

/**
 * A tagger for an article of `sentenceCount` sentences, from the cache: one whose
 * words are indexed in an object when one is loaded or the article is long, else
 * (a short article, nothing loaded yet) one with a Map, quicker to load. Decided
 * per article, so a watch session that starts on a short article does not tag a
 * long one slowly.
 */
export function taggerFor(sentenceCount: number): Tagger {
  const kind: WordIndex = taggers.object || sentenceCount > FEW_SENTENCES ? 'object' : 'map';
  const tagger = (taggers[kind] ??= createTagger(loadTaggerModel(TAGGER_MODEL_CACHE, kind)));
  // A long article after short ones: the Map one is not needed again.
  if (kind === 'object') delete taggers.map;
  return tagger;
}
