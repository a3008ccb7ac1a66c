/**
 * Fuzzing with fast-check: random Markdown (built from block and inline parts),
 * random plain text and random HTML go through the pipeline. The result is a
 * valid, inert deck or a placed content message, never an uncaught exception.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/node/build-deck.ts';
import { BriefdeckError } from '../../src/node/errors.ts';
import { outlineFromMarkdown, outlineToMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { outlineFromText } from '../../src/outline/pipeline.ts';
import { renderDeck } from '../../src/render/render.ts';
import type { ArticleFormat } from '../../src/types.ts';
import { deckProblems, hostileUrls, payloadCorpus } from '../helpers/security-helpers.ts';

const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);
const RUNS = HEAVY ? 1000 : 150;
/** 1,000 runs take 20-30 s alone, and up to ten times that on a loaded two-core machine (seen: 600 s at load 13). */
const FUZZ_TIMEOUT = HEAVY ? 900_000 : 180_000;

const word = fc.constantFrom('the', 'council', 'approved', 'budget', 'after', 'a', 'long', 'debate', 'schools', 'critics', 'Mr.', 'U.S.', 'e.g.', '3.5%', '$20', '—', '“quoted”', 'naïve', '東京', 'مرحبا', '🙂', '\u200b', '\u00a0');
const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((words) => `${words.join(' ')}${['.', '!', '?', '', '…', '."'][words.length % 6]}`);
const hostile = fc.constantFrom(...payloadCorpus().slice(0, 80), ...hostileUrls());

/** Inline Markdown: text with emphasis, code, links, images, raw HTML and escapes. */
const inline = fc.oneof(
  sentence,
  sentence.map((text) => `*${text}*`),
  sentence.map((text) => `**${text}**`),
  sentence.map((text) => `\`${text}\``),
  fc.tuple(sentence, hostile).map(([text, url]) => `[${text}](${url.replace(/\s/g, '')})`),
  fc.tuple(sentence, hostile).map(([text, url]) => `![${text}](${url.replace(/\s/g, '')})`),
  hostile,
  fc.constantFrom('[^1]', '\\*', '&amp;', '&#0;', '&#x110000;', '<!--', '-->', '$x^2$', '~~gone~~', 'www.example.com', '<https://example.com>'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const line = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

/** Block Markdown: every construct an article may hold, nested a little. */
const block: fc.Arbitrary<string> = fc.letrec<{ block: string }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    line,
    line,
    fc.tuple(fc.integer({ min: 1, max: 7 }), line).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
    fc.tuple(line, fc.constantFrom('===', '---')).map(([text, rule]) => `${text}\n${rule}`),
    fc.array(line, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
    fc.array(line, { minLength: 1, maxLength: 4 }).map((items) => items.map((item, index) => `${index + 1}. ${item}`).join('\n')),
    tie('block').map((inner) => inner.split('\n').map((text) => `> ${text}`).join('\n')),
    tie('block').map((inner) => `- ${inner.split('\n').join('\n  ')}`),
    line.map((text) => `\`\`\`\n${text}\n\`\`\``),
    line.map((text) => `$$\n${text}\n$$`),
    fc.tuple(line, line).map(([a, b]) => `| a | b |\n| - | - |\n| ${a.replace(/\|/g, '')} | ${b.replace(/\|/g, '')} |`),
    line.map((text) => `[^1]: ${text}`),
    fc.constantFrom('***', '<div>', '</div>', '<script>alert(1)</script>', '<!-- comment', '    indented code', ''),
    fc.tuple(fc.constantFrom('title', 'author', 'subtitle', 'source', 'date', 'x'), line).map(([key, value]) => `---\n${key}: ${JSON.stringify(value)}\n---`),
  ),
})).block;

const markdown = fc.array(block, { minLength: 0, maxLength: 12 }).map((blocks) => blocks.join(fc.sample(fc.constantFrom('\n\n', '\n', '\r\n\r\n'), 1)[0]!));

type Outcome = { ok: true; html: string; slides: number } | { ok: false; message: VFileMessage };

/** Run text through the pipeline; a placed content message is a result, anything else thrown escapes. */
async function run(text: string, format: ArticleFormat): Promise<Outcome> {
  try {
    const outline = await outlineFromText(text, { format, path: `fuzz.${format}` });
    const deck = renderDeck(outline);
    // The outline written to its file reads back as the same slides (text that looks like outline
    // syntax, such as a body line `# Title` or a heading `Foo {.hidden}`, is escaped), into a valid deck.
    const file = new VFile({ path: 'fuzz.outline.md' });
    const readBack = outlineFromMarkdown(outlineToMarkdown(outline), file).outline;
    expect(readBack.slides.map((slide) => [slide.kind, Boolean(slide.hidden)])).toEqual(outline.slides.map((slide) => [slide.kind, Boolean(slide.hidden)]));
    const reread = renderDeck(readBack);
    expect(reread.slides.length).toBe(deck.slides.length);
    expect(deckProblems(reread.html, { slides: reread.slides.length })).toEqual([]);
    return { ok: true, html: deck.html, slides: deck.slides.length };
  } catch (error) {
    if (error instanceof VFileMessage && error.file === `fuzz.${format}`) return { ok: false, message: error };
    throw error;
  }
}

function expectValid(outcome: Outcome) {
  if (outcome.ok) {
    expect(deckProblems(outcome.html, { slides: outcome.slides })).toEqual([]);
    return;
  }
  expect(outcome.message.line).toBeGreaterThanOrEqual(1);
  expect(outcome.message.column).toBeGreaterThanOrEqual(1);
  expect(outcome.message.ruleId).toMatch(/^[a-z-]+$/);
}

describe('fuzzing the pipeline', () => {
  it('should turn random Markdown into a valid deck or a placed message', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => expectValid(await run(text, 'md'))),
      { numRuns: RUNS },
    );
  }, FUZZ_TIMEOUT);

  it('should turn random plain text into a valid deck or a placed message', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(fc.oneof(sentence, line, fc.constant(''), fc.constant('\u00a0')), { maxLength: 20 }).map((lines) => lines.join('\n')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (value) => expectValid(await run(value, 'txt'))),
      { numRuns: RUNS },
    );
  }, FUZZ_TIMEOUT);

  it('should turn random HTML into a valid deck or a placed message', async () => {
    const tags = ['p', 'h1', 'h2', 'h3', 'li', 'ul', 'blockquote', 'script', 'nav', 'article', 'main', 'svg', 'math', 'iframe', 'table', 'td', 'pre', 'title', 'img src=x', 'a href=y', 'base href=javascript:1', 'video src=v', 'select', 'textarea', 'plaintext', 'template', 'head', 'body', 'frameset'];
    const element = fc.tuple(fc.constantFrom(...tags), line, fc.boolean());
    const html = fc.array(element, { maxLength: 15 }).map((parts) => parts.map(([tag, text, close]) => `<${tag}>${text}${close ? `</${tag.split(' ')[0]}>` : ''}`).join('\n'));
    await fc.assert(
      fc.asyncProperty(html, async (value) => expectValid(await run(value, 'html'))),
      { numRuns: RUNS },
    );
  }, FUZZ_TIMEOUT);

  it('should build random articles end to end (outline file written, read back, merged, fitted, rendered) or say why in a placed message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-fuzz-'));
    try {
      let index = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(markdown.map((text) => ['md', text] as const), line.map((text) => ['txt', `Title\n\n${text}`] as const)), async ([format, text]) => {
          index += 1;
          const article = join(dir, `a${index}.${format}`);
          writeFileSync(article, text);
          try {
            const report = await buildDeck({ article, outDir: join(dir, 'out') });
            expect(deckProblems(readFileSync(report.indexPath, 'utf8'), { slides: report.slideCount })).toEqual([]);
          } catch (error) {
            // The article's or the generated outline's problem, with its place; anything else is a bug.
            if (error instanceof VFileMessage && error.line) return;
            if (error instanceof BriefdeckError) return;
            throw error;
          }
        }),
        { numRuns: HEAVY ? 300 : 30 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('should put a footnote in the notes of an article with no content slide (found by this fuzzer in CI)', async () => {
    const outcome = await run('- <https://example.com>\n[^1]: [^1]', 'md');
    expectValid(outcome);
    const withNote = await outlineFromText('# Budget\n\n- The council approved the budget after a long debate.[^1]\n\n[^1]: The vote was 7 to 2.\n', { format: 'md', path: 'fuzz.md' });
    expect(withNote.slides.some((slide) => slide.notes.includes('The vote was 7 to 2.'))).toBe(true);
  });

  it('should read an article inside an SVG <title> without making the tree a cycle (found by this fuzzer)', async () => {
    const outcome = await run('<svg><title><article><p>The council approved the budget after a long debate.</p></article></title></svg>', 'html');
    expectValid(outcome);
    expect(outcome.ok).toBe(true);
  });

  it('should read a page whose <base href> would make its links unresolvable (found by the payload test)', async () => {
    for (const base of ['javascript:alert(1)//', 'data:,x', 'x:y', '']) {
      const outcome = await run(`<p>The council approved the budget. <base href="${base}"><img src="chart.png"> <a href="minutes.html">minutes</a></p>`, 'html');
      expectValid(outcome);
      expect(outcome.ok).toBe(true);
    }
  });

  it('should read a page whose <base href> sits inside an SVG title (found by this fuzzer in CI)', async () => {
    const page = "<p>'--></script></style></title></textarea><svg><animate attributeName=x dur=1s repeatCount=2 onbegin=prompt(1)> <img src=x onerror=alert(1)>\n<title>[^1]\n<base href=javascript:1>`the!`\n<p><img src=x onerror=alert(1)> `the!`";
    expectValid(await run(page, 'html'));
  });

  it('should treat arbitrary Unicode (lone surrogates, controls, NUL) as text in every format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), fc.constantFrom<ArticleFormat>('md', 'txt', 'html'), async (value, format) =>
        expectValid(await run(`# Title\n\nA sentence that is prose. ${value}`, format)),
      ),
      { numRuns: RUNS },
    );
  }, FUZZ_TIMEOUT);
});
