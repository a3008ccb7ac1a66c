/**
 * A paper or report's back matter (references, acknowledgements) and the authors' line under its
 * title: the deck's author, not a "Background" slide; no claim, key point or agenda stop drawn from
 * the reference list, which is kept whole in the closing slide's notes.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { isBackMatterHeading } from '../../src/article/article.ts';
import { authorListNames } from '../../src/ingest/page-metadata.ts';
import { outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

describe('the authors line under a title', () => {
  it.each([
    ['Ana Ruiz, Tomás Berg and Li Wen', 'Ana Ruiz, Tomás Berg and Li Wen'],
    ['Ana Ruiz¹, Tomás Berg² and Li Wen¹*', 'Ana Ruiz, Tomás Berg and Li Wen'],
    ['Ana Ruiz 1,2, Li Wen 2', 'Ana Ruiz, Li Wen'],
    ['By Ana Ruiz & Li Wen', 'Ana Ruiz & Li Wen'],
    ['Ludwig van Beethoven and Oscar de la Renta', 'Ludwig van Beethoven and Oscar de la Renta'],
    ['Mary-Jane O’Neil, Jean-Luc Picard and J. K. Rowling', 'Mary-Jane O’Neil, Jean-Luc Picard and J. K. Rowling'],
  ])('should read %j as the names %j', (line, names) => {
    expect(authorListNames(line)).toBe(names);
  });

  it.each([
    'Barack Obama', // one name alone could be a heading or a subject: only with "By" or a mark
    'New York',
    'Washington, London and Paris',
    'Paris and Rome',
    'Key Findings',
    'Policy Options, Trade Risks and Next Steps',
    'Smith, J. and Doe, K.', // a citation
    'The group said it would fight on',
    'Islamic State and Caliphate',
    'Ana Ruiz, Tomás Berg and Li Wen wrote this.',
  ])('should not read %j as a byline', (line) => {
    expect(authorListNames(line)).toBeUndefined();
  });
});

describe('back matter', () => {
  it.each(['References', 'REFERENCES', '7 References', 'Bibliography', 'Works Cited', 'Notes', 'Endnotes', 'Acknowledgements', 'Acknowledgments', 'About the Authors', 'About the council', 'About this report', 'About us', 'About the Institute', 'Author contributions', 'Competing interests', 'Conflict of interest', 'Data availability statement', 'Funding', 'Further reading', 'Cite this article'])(
    'should take %j for back matter',
    (heading) => expect(isBackMatterHeading(heading)).toBe(true),
  );

  it.each(['Notes on method', 'Sources of growth', 'Funding cuts hit schools', 'Results', 'Introduction', 'The references we lost', 'About the risks', 'About face'])('should take %j for part of the argument', (heading) => {
    expect(isBackMatterHeading(heading)).toBe(false);
  });

  for (const name of ['ingest-paper-md/input.md', 'ingest-paper-txt/input.txt']) {
    it(`should keep the references of ${name} off the slides and whole in the closing notes`, () => {
      const text = readFileSync(fixture(name), 'utf8');
      const file = new VFile({ path: name, value: text });
      const article = articleFromFile(file, name.endsWith('.md') ? 'md' : 'txt');
      const outline = outlineFromArticle(article);
      const referencesLine = text.split('\n').findIndex((line) => /^(?:## )?References$/.test(line)) + 1;
      expect(referencesLine).toBeGreaterThan(1);

      expect(outline.author).toBe('Ana Ruiz, Tomás Berg and Li Wen');
      // No slide for the authors' line (it was a "Background" section) and none for the references.
      const titles = outline.slides.map((slide) => slide.title);
      expect(titles.join('\n')).not.toMatch(/Ana Ruiz|References|Background/);
      for (const slide of outline.slides) {
        for (const bullet of slide.bullets) {
          if (slide.kind === 'agenda') expect(bullet.text).not.toMatch(/References|Acknowledg/);
          const line = Number(bullet.source?.split(':')[0] ?? 0);
          expect(line < referencesLine, `${slide.title}: ${bullet.text}`).toBe(true);
        }
      }
      const closing = outline.slides.find((slide) => slide.kind === 'closing')!;
      expect(closing.notes).toContain('References:');
      for (const entry of ['Karpukhin, V. et al.', 'Izacard, G. et al.', 'Robertson, S. and Zaragoza, H.', 'Thakur, N. et al.']) expect(closing.notes).toContain(entry);
      expect(file.messages.map((message) => message.ruleId)).toContain('back-matter');
    });
  }
});
