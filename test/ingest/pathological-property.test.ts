/**
 * A property over generated pathological inputs: pieces of every shape of
 * scripts/lib/pathological.ts (the hostile inputs of issue 17 and cmark's
 * pathological cases) at random sizes, mixed with prose, in each format, go
 * through the whole pipeline and the renderer and come out as a valid deck or
 * a refusal in one placed line (a vfile message with a line, a reason without
 * a line break, a known rule). No timing is asserted: `npm run bench` measures
 * how the time grows.
 */
import fc from 'fast-check';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { outlineFromText } from '../../src/outline/pipeline.ts';
import { renderDeck } from '../../src/render/render.ts';
import { SHAPES } from '../../scripts/lib/pathological.ts';
import { deckProblems } from '../helpers/security-helpers.ts';

const PROSE = ['The council met on Monday.', 'Critics said the plan cuts schools by a third.', 'The mayor, Ana Ruiz, disagreed.', ''];

describe('generated pathological inputs', () => {
  it('should each build a valid deck or be refused in one placed line', async () => {
    const piece = fc.tuple(fc.integer({ min: 0, max: SHAPES.length - 1 }), fc.integer({ min: 1, max: 4_000 }), fc.constantFrom(...PROSE));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.constantFrom('md', 'txt', 'html') as fc.Arbitrary<'md' | 'txt' | 'html'>, async (pieces, format) => {
        const body = pieces.map(([shape, bytes, prose]) => `${prose} ${SHAPES[shape]!.make(bytes)}`).join('\n\n');
        const text = format === 'html' ? `<!doctype html><title>Council</title><article><h1>Council</h1><p>${body}</p></article>` : `# Council\n\n${body}\n`;
        try {
          const deck = renderDeck(await outlineFromText(text, { format, path: `p.${format}` }));
          expect(deckProblems(deck.html)).toEqual([]);
        } catch (error) {
          if (!(error instanceof VFileMessage)) throw error;
          expect(error.line).toBeGreaterThan(0);
          expect(error.reason).not.toMatch(/[\r\n]/);
          expect(['input-limits', 'no-content', 'encoding']).toContain(error.ruleId);
        }
      }),
      { numRuns: process.env.BRIEFDECK_HEAVY_TESTS ? 200 : 20, seed: Number(process.env.BRIEFDECK_SEED ?? Date.now() % 1_000_000) },
    );
  }, 600_000);
});
