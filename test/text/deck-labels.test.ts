/**
 * The deck's own words added with exhibits (issue 17, translated labels): a split table's
 * "(rows a–b of N)", a split code block's "(lines a–b of N)", a footnote's notes line, a
 * missing image in PowerPoint and a formula's tooltip come from the one label table, in the
 * deck's language.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { fitOutline } from '../../src/fit/fit.ts';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import { blockToHast } from '../../src/render/blocks.ts';
import { outlineToPptx } from '../../src/render/pptx.ts';
import { LABEL_LANGUAGES, labelsFor } from '../../src/text/labels.ts';
import type { Outline, Slide } from '../../src/types.ts';

const TABLE: Slide = {
  kind: 'exhibit',
  title: 'Kosten',
  bullets: [],
  notes: '',
  blocks: [{ type: 'table', align: ['left', 'right'], header: ['Jahr', 'Euro'], rows: Array.from({ length: 40 }, (_, i) => [String(1990 + i), String(100 + i)]) }],
};
const CODE: Slide = {
  kind: 'exhibit',
  title: 'Skript',
  bullets: [],
  notes: '',
  blocks: [{ type: 'code', lang: 'python', value: Array.from({ length: 120 }, (_, i) => `x${i} = ${i}`).join('\n') }],
};
const outlineOf = (...slides: Slide[]): Outline => ({ title: 'Bericht', slides });

describe('labels of exhibits and footnotes', () => {
  it('has the new labels in every language of the table, translated (not English) but for their placeholders', () => {
    const english = labelsFor('en');
    for (const lang of LABEL_LANGUAGES.filter((code) => code !== 'en')) {
      const labels = labelsFor(lang);
      for (const name of ['rowsOf', 'linesOf', 'footnote', 'imageMissing', 'formulaNotTypeset'] as const) {
        expect(labels[name], `${lang} ${name}`).not.toBe(english[name]);
        expect(labels[name].match(/\{\d\}/g) ?? [], `${lang} ${name}`).toEqual(english[name].match(/\{\d\}/g) ?? []);
      }
    }
  });

  it("titles a split table's and code block's parts in the deck's language", () => {
    const english = fitOutline(outlineOf(TABLE, CODE), { theme: 'light' }).outline.slides.map((slide) => slide.title);
    expect(english[0]).toMatch(/^Kosten \(rows 1–\d+ of 40\)$/);
    expect(english.at(-1)).toMatch(/^Skript \(lines \d+–120 of 120\)$/);

    const german = fitOutline(outlineOf(TABLE, CODE), { theme: 'light', lang: 'de' }).outline.slides.map((slide) => slide.title);
    expect(german.length).toBe(english.length);
    expect(german[0]).toMatch(/^Kosten \(Zeilen 1–\d+ von 40\)$/);
    expect(german.at(-1)).toMatch(/^Skript \(Zeilen \d+–120 von 120\)$/);

    // Arabic in its own digits, as its other numbered labels.
    const arabic = fitOutline(outlineOf(TABLE), { theme: 'light', lang: 'ar' }).outline.slides.map((slide) => slide.title);
    expect(arabic[0]).toMatch(/^Kosten \(الصفوف ١–[٠-٩]+ من ٤٠\)$/);
    const chinese = fitOutline(outlineOf(CODE), { theme: 'light', lang: 'zh' }).outline.slides.map((slide) => slide.title);
    expect(chinese[0]).toMatch(/^Skript（第一–[〇一二三四五六七八九]+行，共一二〇行）$/);
  });

  it("writes a footnote's notes line in the article's language, kept as written", () => {
    const text = [
      '---',
      'lang: de',
      '---',
      '',
      '# Die Netze',
      '',
      '## Der Ausbau',
      '',
      'Die Bundesregierung hat ein neues Gesetz zum Ausbau der Stromnetze vorgelegt.[^quelle] Es soll die Verfahren um zwei Jahre verkürzen. Bisher dauert die Planung einer Trasse oft zehn Jahre.',
      '',
      '[^quelle]: Nach Angaben der *Bundesnetzagentur*.',
      '',
    ].join('\n');
    const article = articleFromFile(new VFile({ path: 'netze.md', value: text }), 'md');
    const notes = outlineFromArticle(article).slides.map((slide) => slide.notes).join('\n\n');
    expect(notes).toContain('Fußnote quelle: Nach Angaben der *Bundesnetzagentur*.');
    expect(notes).not.toContain('Footnote');
  });

  it("gives a formula's tooltip in the deck's language when it cannot be typeset", () => {
    expect(toHtml(blockToHast({ type: 'math', value: '\\frac{1}{' }, { lang: 'fr' }))).toContain('title="Cette formule n’a pas pu être composée"');
    expect(toHtml(blockToHast({ type: 'math', value: '\\frac{1}{' }))).toContain('title="This formula could not be typeset"');
  });

  it('marks a missing image in PowerPoint in the deck\'s language', async () => {
    const figure: Slide = { kind: 'exhibit', title: 'Karte', bullets: [], notes: '', blocks: [{ type: 'figure', src: 'karte.png', alt: 'Karte der Leitungen' }] };
    const deck = await outlineToPptx(outlineOf(figure), { lang: 'de' });
    const path = join(mkdtempSync(join(tmpdir(), 'briefdeck-labels-pptx-')), 'deck.pptx');
    writeFileSync(path, deck.data);
    const xml = execFileSync('unzip', ['-p', path, 'ppt/slides/slide1.xml'], { encoding: 'utf8' });
    expect(xml).toContain('[Bild: Karte der Leitungen]');
    expect(xml).not.toContain('[Image:');
  });
});
