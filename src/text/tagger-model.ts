/**
 * wink's English lite model, the data behind part-of-speech tagging, loaded from
 * a compact cache of its processed form.
 *
 * The model package reads its 3 MB JSON, deep-copies it, decodes its lexicon
 * from base64 and indexes its 87,000 words on every start: about 150 ms, most of
 * what a cold build of a short article spends on tagging. The cache keeps what
 * that work produces (the lexicon as raw 32-bit words, the lists without their
 * indexes, which are rebuilt from the lists) in one file, `lib/tagger-model.bin`,
 * and loads in about 50 ms.
 *
 * The cache is made from the package's own loader at `npm ci` (scripts/bundle.mjs),
 * or else the first time the model is loaded without one, and is used only while
 * it matches the installed package (its version and the size and time of its
 * model file); anything else (a missing, stale or damaged cache, an unexpected
 * model layout) falls back to the package's loader, which is always right, only
 * slower.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the cache lives: the project's git-ignored `lib/`, beside the prebuilt bundle. */
export const TAGGER_MODEL_CACHE = fileURLToPath(new URL('../../lib/tagger-model.bin', import.meta.url));

const MODEL_PACKAGE = 'wink-eng-lite-web-model';
const DIST = `${MODEL_PACKAGE}/dist/`;
const CORE_JSON = `${DIST}languages/cur/models/eng-core-web-model.json`;
/** How the cache file starts; the version changes when its layout does. */
const MAGIC = 'briefdeck-tagger-model-1\n';

/** A feature of the core model: its values, and an index of them by value where the loader makes one. */
interface Feature {
  list: unknown[];
  hash?: Record<string, number>;
  [key: string]: unknown;
}

/** The processed core model, as the package's `load-core-model.js` returns it (the parts this module handles). */
interface CoreModel {
  lexicon: Uint32Array;
  xpansions: Uint32Array;
  features: Record<string, Feature>;
  [key: string]: unknown;
}

/** The model object wink-nlp is instantiated with, as the package's `model.js` exports it. */
export type WinkModel = Record<string, unknown> & { core: () => CoreModel };

/** What the installed package is, to tell whether a cache was made from it. */
function packageStamp(require: NodeJS.Require): string {
  const version = (require(`${MODEL_PACKAGE}/package.json`) as { version: string }).version;
  const core = statSync(require.resolve(CORE_JSON));
  return `${version} ${core.size} ${Math.round(core.mtimeMs)}`;
}

/** Whether a feature's index is exactly "value to position in the list", on an object without a prototype. */
function isListIndex(feature: Feature): boolean {
  const { hash, list } = feature;
  if (!hash || Object.getPrototypeOf(hash) !== null || Object.keys(hash).length !== list.length) return false;
  return list.every((value, position) => typeof value === 'string' && hash[value] === position);
}

/**
 * How the words of the model are indexed. wink-nlp reads and writes the index by
 * key only (`index[word]`, `index[word] = position`, in its cache.js), so it can be
 * an object (`'object'`, as the package makes it) or a Map behind a Proxy (`'map'`):
 * 87,000 words go into a Map in half the time (15 ms less to load), but each
 * lookup through the Proxy costs more (about 12 µs a sentence, 0.1 s at 1 MB).
 * The Map suits a short article; the object, a long one.
 */
export type WordIndex = 'object' | 'map';

/** The index of a feature's list: each value to its position. No key finds anything of Object's ("constructor"). */
function listIndexOf(list: string[], kind: WordIndex): Record<string, number> {
  if (kind === 'object') {
    const index = Object.create(null) as Record<string, number>;
    for (let position = 0; position < list.length; position += 1) index[list[position]!] = position;
    return index;
  }
  const positions = new Map<string, number>();
  for (let position = 0; position < list.length; position += 1) positions.set(list[position]!, position);
  return new Proxy(Object.create(null) as Record<string, number>, {
    get: (_, key) => (typeof key === 'string' ? positions.get(key) : undefined),
    set: (_, key, position: number) => {
      if (typeof key !== 'string') return false;
      positions.set(key, position);
      return true;
    },
    has: (_, key) => typeof key === 'string' && positions.has(key),
  });
}

/**
 * The cache file of a processed core model: the magic line, the length of the
 * JSON part (8 hex digits and a newline), the JSON part padded to a multiple of
 * 4 bytes, then the lexicon's and the expansions' 32-bit words. Undefined when the
 * model is not laid out as this module expects (then there is no cache).
 */
export function encodeCoreModel(core: CoreModel, stamp: string): Buffer | undefined {
  const { lexicon, xpansions, features, ...rest } = core;
  if (!(lexicon instanceof Uint32Array) || !(xpansions instanceof Uint32Array)) return undefined;
  const indexed: string[] = [];
  const plainFeatures: Record<string, unknown> = {};
  for (const [name, feature] of Object.entries(features)) {
    if (name === 'posClusters' || feature.hash === undefined) {
      plainFeatures[name] = feature;
      continue;
    }
    if (!isListIndex(feature)) return undefined;
    const { hash: _index, ...withoutIndex } = feature;
    plainFeatures[name] = withoutIndex;
    indexed.push(name);
  }
  // Clusters of tags are sets, which JSON has not: they go as arrays.
  const clusters = features.posClusters?.list;
  if (!Array.isArray(clusters) || !clusters.every((cluster) => cluster instanceof Set)) return undefined;
  plainFeatures.posClusters = { ...features.posClusters, list: clusters.map((cluster: Set<number>) => [...cluster]) };
  const json = JSON.stringify({ stamp, indexed, lexiconLength: lexicon.length, xpansionsLength: xpansions.length, core: { ...rest, features: plainFeatures } });
  const head = Buffer.from(MAGIC, 'utf8');
  let body = Buffer.from(json, 'utf8');
  const lengthLine = 9;
  const padding = (4 - ((head.length + lengthLine + body.length) % 4)) % 4;
  body = Buffer.concat([body, Buffer.alloc(padding, 0x20)]);
  const length = Buffer.from(`${body.length.toString(16).padStart(8, '0')}\n`, 'utf8');
  const words = (array: Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return Buffer.concat([head, length, body, words(lexicon), words(xpansions)]);
}

/** The processed core model from a cache file, or undefined when the file is not a cache of the model stamped `stamp` (or throws, when it is damaged). */
export function decodeCoreModel(file: Buffer, stamp: string, wordIndex: WordIndex = 'object'): CoreModel | undefined {
  const head = MAGIC.length + 9;
  if (file.length < head || file.toString('utf8', 0, MAGIC.length) !== MAGIC) return undefined;
  const bodyLength = Number.parseInt(file.toString('utf8', MAGIC.length, head - 1), 16);
  if (!Number.isInteger(bodyLength) || head + bodyLength > file.length) return undefined;
  const parsed = JSON.parse(file.toString('utf8', head, head + bodyLength)) as { stamp: string; indexed: string[]; lexiconLength: number; xpansionsLength: number; core: CoreModel };
  if (parsed.stamp !== stamp) return undefined;
  const wordsAt = head + bodyLength;
  if (file.length !== wordsAt + 4 * (parsed.lexiconLength + parsed.xpansionsLength) || (file.byteOffset + wordsAt) % 4 !== 0) return undefined;
  const core = parsed.core;
  core.lexicon = new Uint32Array(file.buffer, file.byteOffset + wordsAt, parsed.lexiconLength);
  core.xpansions = new Uint32Array(file.buffer, file.byteOffset + wordsAt + 4 * parsed.lexiconLength, parsed.xpansionsLength);
  for (const name of parsed.indexed) {
    const feature = core.features[name]!;
    feature.hash = listIndexOf(feature.list as string[], wordIndex);
  }
  const clusters = core.features.posClusters!;
  clusters.list = (clusters.list as number[][]).map((cluster) => new Set(cluster));
  return core;
}

/** Write the cache through a temporary file, so a concurrent build never reads half of it. A cache that cannot be written is only time lost. */
function writeCache(path: string, data: Buffer): void {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Not even a temporary file could be made there.
    }
  }
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
 * loaded from the cache at `cachePath`, which is made there when missing or stale,
 * and its words indexed as `wordIndex` says. For one wink-nlp instance: its
 * `core()` returns the same core each time, to which wink-nlp adds the words it
 * reads (the package's makes a fresh one per call); load again for another.
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
    // No cache yet, or a damaged one: made below.
  }
  if (cached) return modelWithCore(require, cached);
  let core: CoreModel;
  try {
    core = (require(`${DIST}load-core-model.js`) as () => CoreModel)();
  } catch {
    return require(MODEL_PACKAGE) as WinkModel;
  }
  // Encoded before wink-nlp sees the core: it adds the words of every text it reads to its lists.
  const data = encodeCoreModel(core, stamp);
  if (data) writeCache(cachePath, data);
  return modelWithCore(require, core);
}
