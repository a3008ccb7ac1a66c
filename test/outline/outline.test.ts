import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { BULLET_MAX_WORDS, BULLET_SLACK_WORDS } from '../../src/claims/compress.ts';
import { MAX_BULLETS_PER_SLIDE, MINUTES_PER_SLIDE, outlineFromArticle } from '../../src/outline/outline.ts';
import { articleFromFile } from '../../src/outline/pipeline.ts';
import type { Article, Outline } from '../../src/types.ts';

const seedText = readFileSync(new URL('../../content/isis-central-asia.txt', import.meta.url), 'utf8');
const seedLines = seedText.split('\n');

function seedArticle(): Article {
  return articleFromFile(new VFile({ value: seedText, path: 'isis-central-asia.txt' }), 'txt');
}

function bulletsOf(outline: Outline, kinds = ['key-points', 'content']): string[] {
  return outline.slides.filter((slide) => kinds.includes(slide.kind)).flatMap((slide) => slide.bullets.map((bullet) => bullet.text));
}

/** What a reader sees of the argument: bullets and the slide titles made from claims. */
function shownOf(outline: Outline): string[] {
  return [...bulletsOf(outline), ...outline.slides.filter((slide) => slide.kind === 'content').map((slide) => slide.title)];
}

/** The seed's thesis, from its conclusion: the list of those ISIS may spoil things for is the point. */
const SPOILER = 'ISIS has the potential to be a spoiler–for the Taliban, the United States, the Afghan government…or more likely, all of the above.';

/** The argument the seed deck must carry, each point as the key terms that show it on a slide. */
const SEED_ARGUMENT: Array<[string, RegExp[]]> = [
  ['ISIS aims at one caliphate over the whole Muslim world', [/Islamic State challenges/, /entire Muslim world/, /Caliph/]],
  ['its organisation is built to outlast defeat', [/may face defeat/, /designed to survive/]],
  ['it moves to new havens, Central Asia among them', [/alternative havens/, /expansions into Central Asia/]],
  ['Al-Qaeda defections carry it into Central Asia', [/Al-Qaeda defections/]],
  ['the Taliban are fragmenting', [/fragmentation of Taliban-affiliated groups/]],
  ['the Afghan forces are under strain', [/Afghan security forces are under considerable strain/]],
  ['the U.S. responds: drone strikes, a reconsidered drawdown', [/U\.S\.|United States|Obama Administration/, /curtail|drawdown/]],
  ['China and Russia take a role in Afghanistan', [/China/, /Russia/]],
  ['outside support may strengthen the Taliban', [/external support may strengthen the Taliban/]],
  ['ISIS may be a spoiler for all sides', [/ISIS has the potential to be a spoiler.*all of the above/]],
];

describe('outlineFromArticle on the seed article', () => {
  const outline = outlineFromArticle(seedArticle(), { sourceName: 'isis-central-asia.txt' });
  const bullets = shownOf(outline);

  it.each(SEED_ARGUMENT)('should carry the point that %s', (_point, terms) => {
    for (const term of terms) expect(bullets.some((bullet) => term.test(bullet)), String(term)).toBe(true);
  });

  it('should put the thesis from the conclusion among the key points', () => {
    const keyPoints = outline.slides.find((slide) => slide.kind === 'key-points')!;
    expect(keyPoints.bullets.map((bullet) => bullet.text)).toContain(SPOILER);
    expect(keyPoints.bullets).toHaveLength(4);
  });

  it('should name the untitled lead section after what it is about', () => {
    expect(outline.slides.find((slide) => slide.kind === 'content')!.title).toBe('Background: Islamic State and Caliphate');
  });

  it('should brief: the thesis first, an agenda, a title of its own on every content slide, a bottom line', () => {
    const kinds = outline.slides.map((slide) => slide.kind);
    expect(kinds.slice(0, 3)).toEqual(['title', 'key-points', 'agenda']);
    expect(outline.slides[1]!.bullets[0]!.text).toBe(SPOILER);
    const content = outline.slides.filter((slide) => slide.kind === 'content');
    const titles = content.map((slide) => slide.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const title of titles) {
      expect(title).not.toMatch(/\(cont\.\)/);
      expect(title.split(/\s+/).length).toBeLessThanOrEqual(8);
    }
    // A key point is not repeated on a content slide.
    const keyPoints = new Set(outline.slides[1]!.bullets.map((bullet) => bullet.source));
    for (const slide of content) for (const bullet of slide.bullets) expect(keyPoints.has(bullet.source)).toBe(false);
    // 3-5 bullets a slide where the section has them; headline-length bullets.
    for (const slide of content) expect(slide.bullets.length).toBeLessThanOrEqual(5);
    const words = bulletsOf(outline, ['content']).map((bullet) => bullet.split(/\s+/).length);
    expect(words.reduce((a, b) => a + b, 0) / words.length).toBeLessThanOrEqual(13);
    const closing = outline.slides.at(-1)!;
    expect(closing.title).toBe('Bottom line');
    expect(closing.bullets.length).toBeGreaterThanOrEqual(1);
    expect(closing.bullets.length).toBeLessThanOrEqual(3);
    expect(closing.body!.join(' ')).toContain('ISIS’ Expedition Into Central Asia');
    expect(closing.body!.join(' ')).not.toContain('isis-central-asia.txt');
    // Later slides of a section carry its heading as a label.
    expect(content.some((slide) => slide.section === 'A Critical Juncture')).toBe(true);
  });

  it('should keep bullets short, whole and made of the article’s words', () => {
    const articleWords = new Set(seedText.toLowerCase().match(/[\p{L}\p{N}]+/gu));
    // A bullet may run a word or two over rather than lose its point, as the thesis does; the rest fit.
    const over = bulletsOf(outline).filter((bullet) => bullet.split(/\s+/).length > BULLET_MAX_WORDS);
    expect([...new Set(over)]).toEqual([SPOILER]);
    for (const bullet of [...bulletsOf(outline), ...bulletsOf(outline, ['closing'])]) {
      expect(bullet.split(/\s+/).length).toBeLessThanOrEqual(BULLET_MAX_WORDS + BULLET_SLACK_WORDS);
      expect(bullet).not.toMatch(/…$/);
      expect(bullet.toLowerCase().match(/[\p{L}\p{N}]+/gu)!.filter((word) => !articleWords.has(word))).toEqual([]);
    }
  });

  it('should point every bullet at its source sentence, and quote that sentence in the notes', () => {
    for (const slide of outline.slides.filter((s) => s.kind === 'content' || s.kind === 'key-points')) {
      expect(slide.bullets.length).toBeLessThanOrEqual(MAX_BULLETS_PER_SLIDE);
      for (const bullet of slide.bullets) {
        const [line, column] = bullet.source!.split(':').map(Number) as [number, number];
        // (The article model reads no-break spaces as spaces.)
        const sentenceStart = seedLines[line - 1]!.slice(column - 1).replace(/\s+/gu, ' ');
        // The notes hold the whole sentence that starts there; the bullet's words come from it.
        const quoted = slide.notes.split('\n\n').find((note) => sentenceStart.startsWith(note.slice(0, 40)));
        expect(quoted, bullet.text).toBeDefined();
        const sentenceWords = new Set(quoted!.toLowerCase().match(/[\p{L}\p{N}]+/gu));
        const bulletWords = bullet.text.toLowerCase().match(/[\p{L}\p{N}]+/gu)!;
        // An opening that pointed back ("The group") may name its antecedent instead, in the words of the text before.
        const before = seedLines.slice(0, line - 1).join(' ').concat(' ', seedLines[line - 1]!.slice(0, column - 1)).toLowerCase().replace(/\s+/gu, ' ');
        const named = [0, 1, 2, 3, 4].find((n) => bulletWords.slice(n).every((word) => sentenceWords.has(word)) && (n === 0 || before.includes(bulletWords.slice(0, n).join(' '))));
        expect(named, bullet.text).toBeDefined();
      }
    }
  });

  it('should keep the bullets of a slide in the article’s order', () => {
    // The key points open with the thesis; after it, and on content slides, the article's order.
    for (const shown of outline.slides.filter((s) => s.kind === 'content' || s.kind === 'key-points')) {
      const slide = shown.kind === 'key-points' ? { ...shown, bullets: shown.bullets.slice(1) } : shown;
      const places = slide.bullets.map((bullet) => bullet.source!.split(':').map(Number) as [number, number]);
      const sorted = [...places].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(places).toEqual(sorted);
    }
  });
});

describe('outlineFromArticle with minutes', () => {
  const article = seedArticle();
  const full = outlineFromArticle(article);
  const contentSlides = (outline: Outline) => outline.slides.filter((slide) => slide.kind === 'content');
  const allNotes = (outline: Outline) => outline.slides.map((slide) => slide.notes).join('\n\n');

  it('should cover every section without minutes', () => {
    const titles = new Set(contentSlides(full).map((slide) => slide.section ?? slide.title));
    expect([...titles]).toEqual(article.sections.map((section) => section.heading));
  });

  it.each([3, 4.5, 6])('should fit %s minutes at 1.5 minutes a slide, keeping every cut claim in the notes', (minutes) => {
    const sized = outlineFromArticle(article, { minutes });
    const budget = Math.max(1, Math.floor(minutes / MINUTES_PER_SLIDE) - 1);
    expect(contentSlides(sized).length).toBeLessThanOrEqual(budget);
    expect(contentSlides(sized).length).toBeGreaterThan(0);
    // Nothing is lost: every source sentence of the full deck is on a slide or quoted in the notes.
    const notes = allNotes(sized);
    for (const slide of contentSlides(full)) {
      for (const note of slide.notes.split('\n\n')) expect(notes).toContain(note);
    }
    // Fewer bullets, and those kept are the stronger claims.
    expect(bulletsOf(sized, ['content']).length).toBeLessThan(bulletsOf(full, ['content']).length);
    expect(bulletsOf(sized, ['key-points'])).toContain(SPOILER);
  });

  it('should change nothing when the minutes allow the whole deck', () => {
    expect(outlineFromArticle(article, { minutes: 60 })).toEqual(full);
  });

  it('should refuse minutes that are not a positive number', () => {
    expect(() => outlineFromArticle(article, { minutes: 0 })).toThrow(TypeError);
    expect(() => outlineFromArticle(article, { minutes: Number.NaN })).toThrow(TypeError);
  });
});

describe('--minutes through the CLI', () => {
  it('should size a generated deck and refuse a bad value with exit 2', async () => {
    const { runCli, seedWorkspace } = await import('../helpers/cli.ts');
    const { outlineFromMarkdown } = await import('../../src/outline-file/outline-markdown.ts');
    const { join } = await import('node:path');
    const dir = seedWorkspace('briefdeck-minutes-');
    const built = runCli(['content/isis-central-asia.txt', '--minutes', '4.5'], dir);
    expect(built.status, built.stderr).toBe(0);
    const text = readFileSync(join(dir, 'content/isis-central-asia.outline.md'), 'utf8');
    const { outline } = outlineFromMarkdown(text, new VFile({ value: text }));
    expect(outline.slides.filter((slide) => slide.kind === 'content')).toHaveLength(2);
    // What the two slides leave out stays in the notes, every sentence of the article.
    const notes = outline.slides.map((slide) => slide.notes).join('\n\n');
    const sentences = seedArticle().sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences));
    expect(sentences.filter((sentence) => !notes.includes(sentence.text))).toEqual([]);
    const bad = runCli(['content/isis-central-asia.txt', '--minutes', 'soon'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--minutes expects a number from 1 to 600, not `soon`');
  });
});

describe('the agenda', () => {
  it('should list the storyline, not the exhibit slides beside it', () => {
    const paragraph = (topic: string) =>
      `The ${topic} board approved a new plan on Monday after months of debate. Critics said the ${topic} plan would cost more than it saves. Supporters said the ${topic} savings would come within three years. The ${topic} vote was close.`;
    const text = [
      '# Port and rail plans',
      '## Port',
      paragraph('port'),
      '| Year | Cost |\n| - | -: |\n| 2025 | 12 |\n| 2026 | 14 |',
      '## Rail',
      paragraph('rail'),
      '> The rail plan is the best deal this city has been offered in a decade.\n>\n> — Mayor Ana Silva',
    ].join('\n\n');
    const article = articleFromFile(new VFile({ path: 'plans.md', value: text }), 'md');
    const outline = outlineFromArticle(article);
    const agenda = outline.slides.find((slide) => slide.kind === 'agenda');
    expect(outline.slides.some((slide) => slide.kind === 'exhibit' || slide.kind === 'quote')).toBe(true);
    const contentTitles = outline.slides.filter((slide) => slide.kind === 'content').map((slide) => slide.title);
    expect(agenda?.bullets.map((bullet) => bullet.text)).toEqual(contentTitles);
  });
});

describe('content bullets that point back', () => {
  it('should give way to a claim of the section that stands alone when the section has one to spare', () => {
    const outline = outlineFromArticle(seedArticle(), { sourceName: 'isis-central-asia.txt' });
    const juncture = outline.slides.filter((slide) => slide.kind === 'content' && (slide.title === 'A Critical Juncture' || slide.section === 'A Critical Juncture'));
    const bullets = juncture.flatMap((slide) => slide.bullets.map((bullet) => bullet.text));
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    // "... trying to exploit this vacuum" and "For the United States, this is a worrying sign" point back to
    // sentences not on the slide; the section has other claims to show.
    for (const text of bullets) {
      expect(text).not.toMatch(/this vacuum/i);
      expect(text).not.toMatch(/\bthis is a worrying sign/i);
    }
  });
});

describe('numbered captions', () => {
  const paragraph = (topic: string) =>
    `The ${topic} board approved a new plan on Monday after months of debate. Critics said the ${topic} plan would cost more than it saves. Supporters said the ${topic} savings would come within three years.`;
  const table = '| Year | Cost |\n| - | -: |\n| 2025 | 12 |\n| 2026 | 14 |';
  const outlineOf = (text: string) => outlineFromArticle(articleFromFile(new VFile({ path: 'plans.md', value: text }), 'md'));
  const shown = (outline: Outline) => outline.slides.flatMap((slide) => slide.bullets.map((bullet) => bullet.text));

  it('should title a table with the caption printed under it, not show the caption as a claim', () => {
    const outline = outlineOf(['# Port plans', '## Costs', paragraph('port'), table, 'Table 1: Port costs by year, in millions.', paragraph('harbour')].join('\n\n'));
    expect(outline.slides.find((slide) => slide.kind === 'exhibit')?.title).toBe('Table 1: Port costs by year, in millions');
    expect(shown(outline).some((text) => /^Table 1/.test(text))).toBe(false);
  });

  it('should title a table with the caption printed above it', () => {
    const outline = outlineOf(['# Port plans', '## Costs', paragraph('port'), 'Table 2. Port costs by year.', table, paragraph('harbour')].join('\n\n'));
    expect(outline.slides.find((slide) => slide.kind === 'exhibit')?.title).toBe('Table 2. Port costs by year');
    expect(shown(outline).some((text) => /^Table 2/.test(text))).toBe(false);
  });

  it('should keep prose that opens like a caption as prose', () => {
    const outline = outlineOf(['# Port plans', '## Costs', paragraph('port'), table, 'Table 1 shows that port costs rose by a sixth in one year, the fastest rise since 2009.'].join('\n\n'));
    expect(outline.slides.find((slide) => slide.kind === 'exhibit')?.title).toBe('Costs (table)');
    expect(outline.slides.map((slide) => slide.notes).join('\n')).toContain('Table 1 shows that port costs rose');
  });
});

describe('speaker notes', () => {
  // What leaves the slides stays in the notes: a bullet's full sentence, and the sentences that were never a bullet.
  for (const [name, path, format] of [
    ['the seed', '../../content/isis-central-asia.txt', 'txt'],
    ['a paper', '../fixtures/ingest-paper-md/input.md', 'md'],
    ['a report', '../fixtures/briefing-report/article.md', 'md'],
    ['a news story', '../fixtures/claims-news/article.md', 'md'],
  ] as const) {
    it(`should hold every sentence of ${name}, in the article's order`, () => {
      const value = readFileSync(new URL(path, import.meta.url), 'utf8');
      const article = articleFromFile(new VFile({ value, path: path.split('/').at(-1)! }), format);
      const outline = outlineFromArticle(article);
      const notesOf = (kinds: string[]) => outline.slides.filter((slide) => kinds.includes(slide.kind)).map((slide) => slide.notes).join('\n\n').replace(/\\/g, '');
      // An abstract or executive summary has no slide: its text is in the key points' notes.
      const allNotes = notesOf(['key-points', 'content', 'exhibit', 'closing']);
      const sentences = article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.text)));
      expect(sentences.length).toBeGreaterThan(5);
      expect(sentences.filter((text) => !allNotes.includes(text))).toEqual([]);
      const notes = notesOf(['content', 'exhibit']);
      const places = sentences.map((text) => notes.indexOf(text)).filter((place) => place !== -1);
      expect(places).toEqual([...places].sort((a, b) => a - b));
    });
  }
});

describe('the bottom line', () => {
  it("should say what a report recommends in its closing section, with the recommendation's full sentence in the notes", () => {
    const text = [
      '# Nuclear power in the northern grid',
      '## Findings',
      'The northern grid relies on four reactors built between 1975 and 1984. Their output fell by a fifth over the past decade as outages grew longer. Repairs at the oldest two took eleven months last year. Operators say spare parts for them are no longer made.',
      'Demand in the north rose 9% since 2015. Wind farms added 2,400 megawatts in the same years. Gas plants now cover most evenings when the wind is low.',
      '## Costs',
      'Keeping the oldest reactors open to 2040 would cost 6.1 billion euros in refits. Replacing their output with wind and storage would cost 7.4 billion euros. Both estimates assume current interest rates.',
      '## Conclusions',
      'The two oldest reactors are the least reliable part of the northern grid. Their refits cost nearly as much as new capacity. The commission recommends closing the two oldest reactors by 2030. The newer pair remain the cheapest source of power in the north for now.',
    ].join('\n\n');
    const outline = outlineFromArticle(articleFromFile(new VFile({ path: 'grid.md', value: text }), 'md'));
    const closing = outline.slides.at(-1)!;
    expect(closing.bullets.map((bullet) => bullet.text)).toContain('The commission recommends closing the two oldest reactors by 2030.');
    expect(closing.notes).toContain('The commission recommends closing the two oldest reactors by 2030.');
  });
});
