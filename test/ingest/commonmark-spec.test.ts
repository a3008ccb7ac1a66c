/**
 * Parser robustness: every CommonMark 0.31.2 spec example goes through the whole
 * pipeline (article text -> outline -> deck) and gives a valid, inert deck or the
 * clean "no content" message, never an exception.
 */
import { createRequire } from 'node:module';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { outlineFromText } from '../../src/outline/pipeline.ts';
import { renderDeck } from '../../src/render/render.ts';
import { deckProblems } from '../helpers/security-helpers.ts';

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

type Result = { kind: 'deck'; problems: string[] } | { kind: 'no-content' } | { kind: 'error'; error: string };

async function throughPipeline(markdown: string, format: 'md' | 'txt'): Promise<Result> {
  try {
    const outline = await outlineFromText(markdown, { format, path: 'example.md' });
    const deck = renderDeck(outline);
    return { kind: 'deck', problems: deckProblems(deck.html, { slides: deck.slides.length }) };
  } catch (error) {
    if (error instanceof VFileMessage && error.ruleId === 'no-content' && error.line === 1) return { kind: 'no-content' };
    return { kind: 'error', error: error instanceof VFileMessage ? `${error.ruleId}: ${error.reason}` : String((error as Error)?.stack ?? error) };
  }
}

describe('CommonMark 0.31.2 spec examples', () => {
  it('should have all 652 examples', () => {
    expect(spec.tests).toHaveLength(652);
  });

  for (const section of [...new Set(spec.tests.map((example) => example.section))]) {
    it(`should give a deck or "no content" for every example of ${section}`, async () => {
      const failures: string[] = [];
      for (const example of spec.tests.filter((candidate) => candidate.section === section)) {
        for (const format of ['md', 'txt'] as const) {
          const result = await throughPipeline(example.markdown, format);
          if (result.kind === 'error') failures.push(`#${example.number} (${format}): ${result.error}`);
          else if (result.kind === 'deck' && result.problems.length > 0) failures.push(`#${example.number} (${format}): ${result.problems.join('; ')}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('should make a deck of the examples whose output has a paragraph of text', async () => {
    // Not every example is prose, but one with a plain <p>word ...</p> must not read as empty.
    const prose = spec.tests.filter((example) => /^<p>[A-Za-z][^<]*[a-z]{3,}[^<]*<\/p>\n$/.test(example.html));
    expect(prose.length).toBeGreaterThan(10);
    for (const example of prose) {
      const result = await throughPipeline(example.markdown, 'md');
      expect(result.kind, `example #${example.number}`).toBe('deck');
    }
  });
});
