import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.ts';
import { loadTaggerModel, writeTaggerModelCache } from '../../src/node/tagger-model.ts';
import { decodeCoreModel } from '../../src/text/tagger-model.ts';
import { SEED_ARTICLE } from '../helpers/cli.ts';

const require = createRequire(import.meta.url);

interface Wink {
  readDoc(text: string): { tokens(): { out(what?: unknown): string[] } };
  its: { pos: unknown };
}
const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => Wink;

/** Every sentence of the real articles the tests hold, and words that are also names of Object's members. */
function corpus(): string[] {
  const texts = [
    readFileSync(SEED_ARTICLE, 'utf8'),
    readFileSync('test/fixtures/claims-news/article.md', 'utf8'),
    readFileSync('test/fixtures/claims-analysis/article.md', 'utf8'),
    readFileSync('test/fixtures/long-article/long-article.md', 'utf8'),
  ];
  const sentences = texts.flatMap((text) => text.split(/\n\s*\n/).flatMap((paragraph) => splitSentences(paragraph.replace(/\s+/g, ' ').trim())));
  return [
    ...sentences,
    'The constructor of the toString method has its own __proto__ and valueOf, said hasOwnProperty.',
    'Prototype hooks such as __defineGetter__ and isPrototypeOf are not words a reporter uses, but a tagger must read them.',
  ];
}

/** Each sentence's tokens and tags under a wink-nlp instance of `model`. */
function tagsOf(model: unknown, sentences: string[]): string[] {
  const nlp = winkNLP(model, ['pos']);
  return sentences.map((sentence) => {
    const tokens = nlp.readDoc(sentence).tokens();
    return tokens.out().map((token, index) => `${token}/${tokens.out(nlp.its.pos)[index]}`).join(' ');
  });
}

describe('tagger model cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-tagger-'));
  const cache = join(dir, 'tagger-model.bin');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sentences = corpus();
  const expected = tagsOf(require('wink-eng-lite-web-model'), sentences);

  it('tags every sentence exactly as the package loader does, without a cache and from the one install makes', () => {
    expect(sentences.length).toBeGreaterThan(80);
    // No cache: the package's own loader, in memory; nothing is written.
    expect(tagsOf(loadTaggerModel(cache), sentences)).toEqual(expected);
    expect(existsSync(cache)).toBe(false);
    expect(writeTaggerModelCache(cache)).toBe(true);
    expect(statSync(cache).size).toBeGreaterThan(1_000_000);
    const stamp = readFileSync(cache).toString('utf8').match(/"stamp":"([^"]+)"/)![1]!;
    expect(decodeCoreModel(readFileSync(cache), stamp)).toBeDefined();
    const before = statSync(cache).mtimeMs;
    expect(tagsOf(loadTaggerModel(cache), sentences)).toEqual(expected);
    // A current cache is not made again.
    expect(writeTaggerModelCache(cache)).toBe(true);
    expect(statSync(cache).mtimeMs).toBe(before);
  });

  it('tags the same with the words indexed in a Map, as for a short article', () => {
    writeTaggerModelCache(cache);
    expect(tagsOf(loadTaggerModel(cache, 'map'), sentences)).toEqual(expected);
    const stamp = readFileSync(cache).toString('utf8').match(/"stamp":"([^"]+)"/)![1]!;
    const core = decodeCoreModel(readFileSync(cache), stamp, 'map')! as unknown as { features: { lexeme: { hash: Record<string, number> } } };
    expect(core.features.lexeme.hash.constructor).toBeTypeOf('number');
    expect(core.features.lexeme.hash.isPrototypeOf).toBeUndefined();
  });

  it('never reads a cache of another model, and gives a word named like an Object member no prototype value', () => {
    const file = readFileSync(cache);
    const stamp = file.toString('utf8').match(/"stamp":"([^"]+)"/)![1]!;
    expect(decodeCoreModel(file, `${stamp}0`)).toBeUndefined();
    const core = decodeCoreModel(file, stamp)! as unknown as { features: { lexeme: { hash: Record<string, number> } } };
    expect(Object.getPrototypeOf(core.features.lexeme.hash)).toBeNull();
    expect(core.features.lexeme.hash.__proto__ === undefined || typeof core.features.lexeme.hash.__proto__ === 'number').toBe(true);
  });

  it.each([
    ['truncated', (path: string) => truncateSync(path, 5000)],
    ['cut in its lexicon', (path: string) => truncateSync(path, statSync(path).size - 4)],
    ['not a cache', (path: string) => writeFileSync(path, 'hello')],
    ['garbled JSON', (path: string) => {
      const file = readFileSync(path);
      file.write('{{{{', 40);
      writeFileSync(path, file);
    }],
  ])('still tags right from a cache that is %s, writing nothing, and install remakes it', (_, damage) => {
    writeTaggerModelCache(cache);
    damage(cache);
    const damaged = readFileSync(cache);
    expect(tagsOf(loadTaggerModel(cache), sentences.slice(0, 40))).toEqual(expected.slice(0, 40));
    expect(readFileSync(cache).equals(damaged)).toBe(true);
    // Remade whole by the install step: the next load reads it.
    expect(writeTaggerModelCache(cache)).toBe(true);
    const stamp = readFileSync(cache).toString('utf8').match(/"stamp":"([^"]+)"/)![1]!;
    expect(decodeCoreModel(readFileSync(cache), stamp)).toBeDefined();
  });

  it('keeps the add-ons a text may ask for: stems and lemmas as the package gives them', () => {
    const out = (model: unknown) => {
      const nlp = winkNLP(model, ['pos']) as Wink & { its: { stem: unknown; lemma: unknown } };
      const tokens = nlp.readDoc('The fighters were running across the provinces.').tokens();
      return [tokens.out(nlp.its.stem), tokens.out(nlp.its.lemma)];
    };
    const expectedOut = out(require('wink-eng-lite-web-model'));
    expect(expectedOut[0]).toContain('provinc');
    writeTaggerModelCache(cache);
    expect(out(loadTaggerModel(cache))).toEqual(expectedOut);
  });

  it('works without a cache it can write', () => {
    const unwritable = join(dir, 'missing-folder', 'file-not-folder');
    writeFileSync(join(dir, 'missing-folder'), 'a file where the folder would be');
    expect(writeTaggerModelCache(unwritable)).toBe(false);
    expect(tagsOf(loadTaggerModel(unwritable), sentences.slice(0, 40))).toEqual(expected.slice(0, 40));
  });
});
