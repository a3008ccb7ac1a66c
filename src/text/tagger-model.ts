/**
 * wink's English lite model in a compact form: what the package's loader makes of
 * its 3 MB JSON, encoded in one buffer and decoded from it.
 *
 * The model package reads its JSON, deep-copies it, decodes its lexicon from
 * base64 and indexes its 87,000 words on every start: about 150 ms, most of what
 * a cold build of a short article spends on tagging. The cache keeps what that
 * work produces (the lexicon as raw 32-bit words, the lists without their
 * indexes, which are rebuilt from the lists) and loads in about 50 ms. This
 * module only encodes and decodes; the file (`lib/tagger-model.bin`, made at
 * install) is read in src/node/tagger-model.ts.
 */
export const MODEL_PACKAGE = 'wink-eng-lite-web-model';
export const DIST = `${MODEL_PACKAGE}/dist/`;
export const CORE_JSON = `${DIST}languages/cur/models/eng-core-web-model.json`;
/** How the cache file starts; the version changes when its layout does. */
const MAGIC = 'briefdeck-tagger-model-1\n';

/** A feature of the core model: its values, and an index of them by value where the loader makes one. */
interface Feature {
  list: unknown[];
  hash?: Record<string, number>;
  [key: string]: unknown;
}

/** The processed core model, as the package's `load-core-model.js` returns it (the parts this module handles). */
export interface CoreModel {
  lexicon: Uint32Array;
  xpansions: Uint32Array;
  features: Record<string, Feature>;
  [key: string]: unknown;
}

/** The model object wink-nlp is instantiated with, as the package's `model.js` exports it. */
export type WinkModel = Record<string, unknown> & { core: () => CoreModel };

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

