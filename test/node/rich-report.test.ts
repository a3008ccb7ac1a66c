/**
 * A report with a table, a figure, a footnote, code, inline and display math,
 * a quote and emphasis: each reaches a slide (the footnote the notes), the
 * image is copied, math is typeset, and hostile figure paths are refused with a warning.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/node/build-deck.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'rich-report');

describe('rich report', () => {
  it('puts every element on a slide, typeset, with the image copied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-rich-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const report = await buildDeck({ article: join(dir, 'report.md'), outDir: join(dir, 'dist'), singleFile: true });
    const html = readFileSync(report.indexPath, 'utf8');
    expect(html).toContain('<table class="bd-table">');
    expect(html).toMatch(/<td style="text-align: right">1.9<\/td>/);
    expect(html).toMatch(/<img src="images\/01-revenue.png" alt="Revenue rose every year from 2022 to 2025" width="480" height="270"/);
    expect(existsSync(join(report.deckDir, 'images', '01-revenue.png'))).toBe(true);
    expect(html).toContain('class="katex-display"');
    // The TeX stays only in the hidden MathML annotation that screen readers use.
    expect(html.replace(/<annotation[^]*?<\/annotation>/g, '')).not.toContain('\\frac{C_t}');
    expect(html).toContain('<pre class="bd-code"><code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('<blockquote class="bd-quote">');
    expect(html).toContain('<cite>— Maria Lopez, Minister of Infrastructure</cite>');
    expect(html).toContain('<strong>1.9 billion</strong>');
    expect(html).toContain('<a href="https://example.org/report" rel="noopener noreferrer" target="_blank">regulator\'s report</a>');
    expect(html).toMatch(/<aside class="notes">[^]*?Footnote audit: Audited figures/);
    expect(existsSync(join(report.deckDir, 'assets', 'katex', 'fonts', 'KaTeX_Main-Regular.woff2'))).toBe(true);
    const single = readFileSync(report.exports.singleFile!, 'utf8');
    expect(single).toContain('src="data:image/png;base64,');
    expect(single).not.toMatch(/url\(['"]?fonts\//);
    expect(report.messages.map(String)).toEqual([]);
  });

  it('refuses hostile figure paths and reports bad formulas, each with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-rich-bad-'));
    const outside = mkdtempSync(join(tmpdir(), 'bd-outside-'));
    writeFileSync(join(outside, 'secret.png'), readFileSync(join(FIXTURE, 'images', 'revenue.png')));
    symlinkSync(join(outside, 'secret.png'), join(dir, 'link.png'));
    writeFileSync(
      join(dir, 'a.md'),
      [
        '# Hostile', '', '## Part', '', 'The board met twice this year and agreed on a plan.', '',
        '![a](../secret.png)', '', '![b](/etc/passwd)', '', '![c](link.png)', '', '![d](https://example.org/x.png)', '',
        '![e](javascript:alert(1))', '', '![f](file:///etc/passwd)', '', '![g](missing.png)', '',
        '$$', '\\href{javascript:alert(1)}{x}', '$$', '', '$$', '\\frac{', '$$', '',
        '```html', '</script><script>alert(1)</script>', '```', '',
      ].join('\n'),
    );
    const report = await buildDeck({ article: join(dir, 'a.md'), outDir: join(dir, 'dist') });
    const messages = report.messages.map(String).join('\n');
    expect(messages).toMatch(/`\.\.\/secret\.png`.*outside the article's folder/);
    expect(messages).toMatch(/`\/etc\/passwd`.*absolute path/);
    expect(messages).toMatch(/`link\.png`.*outside the article's folder/);
    expect(messages).toMatch(/`https:\/\/example\.org\/x\.png`.*network address/);
    expect(messages).toMatch(/`javascript:alert\(1\)`.*not a file path/);
    expect(messages).toMatch(/`file:\/\/\/etc\/passwd`.*not a file path/);
    expect(messages).toMatch(/`missing\.png`.*is missing/);
    expect(messages).toMatch(/\\href.*never allows/);
    expect(messages).toMatch(/\\frac\{.*cannot be typeset/);
    const html = readFileSync(report.indexPath, 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toMatch(/<img src="(?!images\/)/);
  });
});
