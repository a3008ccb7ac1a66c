/**
 * Articles in Chinese, Arabic and German (issue 17, "Other languages"): their decks' bullets are
 * the articles' own sentences or opening clauses, their labels in the article's language, the
 * language found without front matter; the outline file keeps their text exactly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { outlineFromMarkdown, outlineToMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { renderDeck } from '../../src/render/render.ts';
import { inlinePlainText } from '../../src/text/inline-markdown.ts';
import { labelsFor } from '../../src/text/labels.ts';

const fixture = (lang: string, name: string) => new URL(`../fixtures/outline-lang-${lang}/${name}`, import.meta.url);

function build(lang: string) {
  const text = readFileSync(fixture(lang, 'article.md'), 'utf8');
  const article = articleFromFile(new VFile({ path: 'article.md', value: text }), 'md');
  const outline = outlineFromArticle(article, { sourceName: 'article.md' });
  const markdown = outlineToMarkdown(outline, { lang: article.lang, article: 'article.md' });
  return { text, article, outline, markdown };
}

describe.each(['zh', 'ar', 'de'])('an article in %s', (lang) => {
  const { text, article, outline, markdown } = build(lang);
  const sentences = article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.text)));

  it('is found to be in its language without front matter saying so', () => {
    expect(text.startsWith('---')).toBe(false);
    expect(article.lang).toBe(lang);
  });

  it('builds the outline beside it (expected-outline.md)', () => {
    if (process.env.UPDATE_FIXTURES) writeFileSync(fixture(lang, 'expected-outline.md'), markdown);
    expect(markdown).toBe(readFileSync(fixture(lang, 'expected-outline.md'), 'utf8'));
  });

  it('has bullets that are its own sentences or their opening clauses, nothing added', () => {
    const bullets = outline.slides.filter((slide) => slide.kind !== 'agenda').flatMap((slide) => slide.bullets.map((bullet) => inlinePlainText(bullet.text)));
    expect(bullets.length).toBeGreaterThan(10);
    for (const bullet of bullets) {
      const from = sentences.find((sentence) => sentence.startsWith(bullet));
      expect(from, bullet).toBeDefined();
      // Whole, or cut right before clause punctuation.
      if (from !== bullet) expect(from![bullet.length], bullet).toMatch(/[,;:，；：、،؛—–]/u);
    }
    expect(markdown).not.toMatch(/[。！？]\./u);
  });

  it('prints its labels in its language', () => {
    const labels = labelsFor(lang);
    expect(outline.slides.find((slide) => slide.kind === 'key-points')!.title).toBe(labels.keyPoints);
    expect(outline.slides.find((slide) => slide.kind === 'agenda')!.title).toBe(labels.agenda);
    const closing = outline.slides.find((slide) => slide.kind === 'closing')!;
    expect(closing.title).toBe(labels.bottomLine);
    expect(closing.body![0]!.startsWith(labels.source.replace('{0}', ''))).toBe(true);
    expect(markdown).not.toMatch(/Key points|Bottom line|Background|Source:/);
  });

  it('keeps its text exactly through the outline file', () => {
    const read = outlineFromMarkdown(markdown);
    expect(read.settings.lang).toBe(lang);
    expect(read.outline.slides.map((slide) => [slide.title, slide.bullets.map((bullet) => bullet.text), slide.notes])).toEqual(
      outline.slides.map((slide) => [slide.title, slide.bullets.map((bullet) => bullet.text), slide.notes]),
    );
    expect(outlineToMarkdown(read.outline, read.settings)).toBe(markdown);
  });

  it('renders with its lang, and right to left for Arabic', () => {
    const { html } = renderDeck(outline, { lang: article.lang });
    expect(html).toContain(lang === 'ar' ? `<html lang="ar" dir="rtl">` : `<html lang="${lang}">`);
  });
});

describe('the fidelity check in another language', () => {
  it('takes the deck’s own words and numbers ("Hintergrund", "Teil 2") for no names or numbers of the article', async () => {
    const { checkFidelity } = await import('../../src/check/fidelity.ts');
    const text = readFileSync(fixture('de', 'article.md'), 'utf8');
    const outline = {
      title: 'Die Energiewende gerät ins Stocken',
      slides: [
        { kind: 'agenda' as const, title: 'Agenda', bullets: [{ text: 'Hintergrund' }], notes: '' },
        { kind: 'content' as const, title: 'Streit um die Kosten, Teil 2', bullets: [{ text: 'Wer die Rechnung bezahlt, ist umstritten.' }], notes: '' },
      ],
    };
    const file = new VFile({ value: '' });
    checkFidelity(outline, text, file, 'de');
    expect(file.messages.map(String)).toEqual([]);
  });
});
