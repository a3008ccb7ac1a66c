/**
 * cmark's pathological inputs (test/pathological_tests.py in commonmark/cmark)
 * through the whole pipeline: each gives a deck or a placed message.
 *
 * Without BRIEFDECK_HEAVY_TESTS the inputs are a tenth of cmark's sizes; with it
 * (CI) they are cmark's sizes. Only the outcome is checked: how the time grows
 * with the input is `npm run bench`'s (its growth table holds cmark's cases), not
 * a test's on a shared machine.
 */
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { outlineFromText } from '../../src/outline/pipeline.ts';
import { renderDeck } from '../../src/render/render.ts';
import { deckProblems } from '../helpers/security-helpers.ts';
import { ISSUE_SHAPES } from '../../scripts/lib/pathological.ts';

const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);

/** cmark's cases; `n` is cmark's repeat count, the input scales with it. */
const CMARK: Array<[name: string, n: number, make: (n: number) => string]> = [
  ['nested strong emph', 65_000, (n) => '*a **a '.repeat(n) + 'b' + ' a** a*'.repeat(n)],
  ['many emph closers with no openers', 65_000, (n) => 'a_ '.repeat(n)],
  ['many emph openers with no closers', 65_000, (n) => '_a '.repeat(n)],
  ['many link closers with no openers', 65_000, (n) => 'a]'.repeat(n)],
  ['many link openers with no closers', 65_000, (n) => '[a'.repeat(n)],
  ['mismatched openers and closers', 50_000, (n) => '*a_ '.repeat(n)],
  ['openers and closers multiple of 3', 50_000, (n) => 'a**b' + 'c* '.repeat(n)],
  ['link openers and emph closers', 50_000, (n) => '[ a_'.repeat(n)],
  ['hard link/emph case', 1, (n) => '**x [a*b**c*](d)'.repeat(n)],
  ['nested brackets', 50_000, (n) => '['.repeat(n) + 'a' + ']'.repeat(n)],
  ['nested block quotes', 50_000, (n) => '> '.repeat(n) + 'a'],
  ['deeply nested lists', 1_000, (n) => Array.from({ length: n }, (_, x) => `${'  '.repeat(x)}* a\n`).join('')],
  ['U+0000 in input', 1, (n) => 'abc\u0000de\u0000'.repeat(n)],
  ['backticks', 10_000, (n) => Array.from({ length: n - 1 }, (_, x) => `e${'`'.repeat(x + 1)}`).join('')],
  ['unclosed links A', 50_000, (n) => '[a](<b'.repeat(n)],
  ['unclosed links B', 50_000, (n) => '[a](b'.repeat(n)],
  ['many references', 50_000, (n) => Array.from({ length: n * 16 }, (_, x) => `[${x + 1}]: u\n`).join('') + '[0] '.repeat(n)],
];

type Outcome = 'deck' | 'refused' | 'no-content';

/** Article text through the pipeline and the renderer: how it ended. */
async function answer(text: string): Promise<Outcome> {
  try {
    const deck = renderDeck(await outlineFromText(text, { format: 'md', path: 'p.md' }));
    expect(deckProblems(deck.html)).toEqual([]);
    return 'deck';
  } catch (error) {
    // A placed content message is an answer; anything else thrown fails the test.
    if (!(error instanceof VFileMessage) || !error.line) throw error;
    expect(['no-content', 'input-limits']).toContain(error.ruleId);
    return error.ruleId === 'no-content' ? 'no-content' : 'refused';
  }
}

/** A paragraph of about `markers` inline markers in the shape of a case, under the per-paragraph limit. */
function paragraphs(make: (n: number) => string, n: number, count: number): string {
  const paragraph = `A council vote on the budget is prose. ${make(n)}`;
  return `# Pathological\n\n${Array.from({ length: count }, () => paragraph).join('\n\n')}\n`;
}

describe(`cmark's pathological inputs${HEAVY ? ' at full size' : ' at a tenth of their size'}`, () => {
  for (const [name, n, make] of CMARK) {
    const size = HEAVY ? n : Math.max(1, Math.round(n / 10));
    it(`should answer "${name}" with a deck or a placed message`, async () => {
      expect(['deck', 'refused', 'no-content']).toContain(await answer(make(size)));
    }, 60_000);
    // With BRIEFDECK_HEAVY_TESTS, the same shape in 40 paragraphs, each under the per-paragraph limit.
    const perParagraph = Math.max(1, Math.min(size, name === 'deeply nested lists' ? 30 : name === 'backticks' ? 20 : 150));
    it.runIf(HEAVY)(`should answer "${name}" in 40 paragraphs of ${perParagraph} with a deck or a placed message`, async () => {
      expect(['deck', 'refused', 'no-content']).toContain(await answer(paragraphs(make, perParagraph, 40)));
    }, 60_000);
  }
});

describe('runs of non-space characters the tagger would take quadratic time on', () => {
  it('should tag a run longer than MAX_TAGGED_RUN as one X token and the words around it as usual', async () => {
    const { MAX_TAGGED_RUN, tagSentence } = await import('../../src/text/nlp.ts');
    const run = 'a@b.'.repeat(MAX_TAGGED_RUN);
    const text = `The council wrote to ${run} on Monday.`;
    const tokens = tagSentence(text);
    const long = tokens.find((token) => token.text === run);
    expect(long).toEqual({ text: run, pos: 'X', start: text.indexOf(run), end: text.indexOf(run) + run.length });
    expect(tokens.map((token) => text.slice(token.start, token.end))).toEqual(tokens.map((token) => token.text));
    expect(tokens.slice(0, 4).map((token) => token.text)).toEqual(['The', 'council', 'wrote', 'to']);
    expect(tokens.at(-2)?.text).toBe('Monday');
  });

  const shapes: Array<[string, (n: number) => string]> = [
    ['one long word', (n) => 'a'.repeat(n)],
    ['a run of *', (n) => '*'.repeat(n)],
    ['an e-mail-like run', (n) => 'a'.repeat(n / 2) + '@' + 'b.'.repeat(n / 4)],
    ['a URL-like run', (n) => 'http://' + 'a.'.repeat(n / 2) + 'com'],
    ['a word ending in a period', (n) => 'a'.repeat(n) + '.'],
  ];
  for (const [name, make] of shapes) {
    it(`should build plain text holding ${name} of 100 KB into a deck`, async () => {
      const outline = await outlineFromText(`Title\n\nThe council met on Monday. ${make(100_000)} Critics said the plan cuts schools.\n`, { format: 'txt', path: 'p.txt' });
      expect(deckProblems(renderDeck(outline).html)).toEqual([]);
    }, 60_000);
  }
});

describe('nested brackets in section titles', () => {
  it('should leave names in nested and unclosed asides out of a section title, in one pass', async () => {
    const { sectionTitleFromText } = await import('../../src/article/section-title.ts');
    const text = 'Brussels said Brussels would act. (Madrid (Madrid [Madrid]) Madrid.) ( Brussels and (Paris Paris Paris) agreed.';
    expect(sectionTitleFromText(text, 'Background')).toBe('Background: Brussels');
    const deep = `Title\n\nThe council met. ${'('.repeat(50_000)}a${')'.repeat(50_000)} It agreed.\n`;
    const outline = await outlineFromText(deep, { format: 'txt', path: 'p.txt' });
    expect(deckProblems(renderDeck(outline).html)).toEqual([]);
  }, 60_000);
});

describe(`the shapes of issue 17 at ${HEAVY ? '1 MB' : '100 KB'}`, () => {
  // Before the fixes of issue 17 these shapes took 36-60 s at 200 KB and never finished at 1 MB (the tagger's
  // patterns, a title's asides, one tagging per stage of a 100,000-word sentence): each now gives a deck or a
  // placed refusal well inside the limit. The growth ratios themselves are printed by `npm run bench -- --growth`.
  const bytes = HEAVY ? 1_000_000 : 100_000;
  for (const shape of ISSUE_SHAPES) {
    it(`should answer ${shape.name} with a deck or a placed message`, async () => {
      const text = shape.make(bytes);
      try {
        const outline = await outlineFromText(text, { format: shape.format, path: `shape.${shape.format}` });
        expect(deckProblems(renderDeck(outline).html)).toEqual([]);
      } catch (error) {
        if (!(error instanceof VFileMessage)) throw error;
        expect(error.line).toBeGreaterThan(0);
      }
    }, HEAVY ? 300_000 : 60_000);
  }
});
