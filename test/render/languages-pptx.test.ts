/** PowerPoint of decks in other languages (issue 17): the language on every run, Arabic paragraphs right to left. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import { outlineToPptx } from '../../src/render/pptx.ts';

async function slideXml(lang: string): Promise<string> {
  const text = readFileSync(new URL(`../fixtures/outline-lang-${lang}/article.md`, import.meta.url), 'utf8');
  const article = articleFromFile(new VFile({ path: 'article.md', value: text }), 'md');
  const deck = await outlineToPptx(outlineFromArticle(article), { lang: article.lang });
  const path = join(mkdtempSync(join(tmpdir(), 'briefdeck-lang-pptx-')), `${lang}.pptx`);
  writeFileSync(path, deck.data);
  return execFileSync('unzip', ['-p', path, 'ppt/slides/slide2.xml'], { encoding: 'utf8' });
}

describe('PowerPoint in other languages', () => {
  it('marks Arabic runs ar-EG and its paragraphs right to left, aligned right', async () => {
    const xml = await slideXml('ar');
    expect(xml).toContain('النقاط الرئيسية');
    expect(xml).toMatch(/lang="ar-EG"/);
    // Every run of text (the slide-number field pptxgenjs writes itself holds only a digit).
    const runLanguages = new Set([...xml.matchAll(/<a:rPr[^>]*\blang="([^"]+)"(?![^>]*\/><a:t>\d+<\/a:t><\/a:fld>)/g)].map((match) => match[1]));
    expect([...runLanguages]).toEqual(['ar-EG']);
    expect(xml).toMatch(/<a:pPr[^>]*rtl="1"/);
    expect(xml).toMatch(/algn="r"/);
  });
  it('marks Chinese and German runs with their language, left to right', async () => {
    for (const [lang, tag] of [['zh', 'zh-CN'], ['de', 'de-DE']] as const) {
      const xml = await slideXml(lang);
      expect(xml).toMatch(new RegExp(`lang="${tag}"`));
      expect(xml).not.toMatch(/rtl="1"/);
    }
  });
});
