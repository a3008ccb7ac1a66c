import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import * as edge from '../../src/node/index.ts';

describe('public API', () => {
  it('should export exactly the documented names: the pure stages from src/index.ts, with the edge from src/node/index.ts', () => {
    const pure = ['THEMES', 'articleFromFile', 'articleFromMdast', 'checkFidelity', 'compressSentence', 'fitOutline', 'formatFromPath', 'keyPoints', 'mdastFromFile', 'mergeOutlines', 'outlineFromArticle', 'outlineFromMarkdown', 'outlineFromText', 'outlineToMarkdown', 'outlineToPptx', 'readArticle', 'renderDeck', 'sectionClaims', 'sentenceSpans', 'singleFileHtml', 'splitSentences', 'toRevealHast', 'updateOutline'];
    expect(Object.keys(api).sort()).toEqual(pure);
    expect(Object.keys(edge).sort()).toEqual([...pure, ...['BriefdeckError', 'buildDeck', 'deckNameFor', 'outlinePathFor', 'printDeckToPdf', 'watchDecks']].sort());
  });

  it('should turn the seed article into a JSON-serializable outline', async () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'content', 'isis-central-asia.txt'), 'utf8');
    const outline = await api.outlineFromText(text, { format: 'txt', keyPoints: 4 });
    expect(JSON.parse(JSON.stringify(outline))).toEqual(outline);
    expect(outline.title).toBe('ISIS’ Expedition Into Central Asia');
    expect(outline.subtitle).toBe('A Spoiler or Boon for the Taliban?');
    const kinds = outline.slides.map((slide) => slide.kind);
    expect(kinds[0]).toBe('title');
    expect(kinds[1]).toBe('key-points');
    expect(kinds.at(-1)).toBe('closing');
    expect(outline.slides[1]!.bullets).toHaveLength(4);
    const content = outline.slides.filter((slide) => slide.kind === 'content');
    expect(content.length).toBeGreaterThanOrEqual(2);
    for (const slide of content) {
      expect(slide.bullets.length).toBeGreaterThan(0);
      expect(slide.bullets.length).toBeLessThanOrEqual(5);
      expect(slide.notes.length).toBeGreaterThan(0);
      for (const bullet of slide.bullets) {
        expect(bullet.source).toMatch(/^\d+:\d+$/);
        expect(bullet.text.split(/\s+/).length).toBeLessThanOrEqual(25);
      }
    }
  });

  it('should split sentences without breaking at abbreviations', () => {
    expect(api.splitSentences('The affiliates (i.e. AQIS, AQAP, AQIM, etc.). Other groups differ. Mr. Smith agreed.')).toEqual([
      'The affiliates (i.e. AQIS, AQAP, AQIM, etc.).',
      'Other groups differ.',
      'Mr. Smith agreed.',
    ]);
  });
});
