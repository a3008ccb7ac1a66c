/**
 * Property tests of the edit/rebuild cycle, on the pure functions a build runs:
 * read the outline, decide and merge (updateOutline), render the deck.
 * With BRIEFDECK_HEAVY_TESTS (CI) at least 1,000 random cycles run; without, a smaller number.
 */
import fc from 'fast-check';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { articleHash } from '../../src/node/build-deck.ts';
import { updateOutline } from '../../src/outline-file/merge.ts';
import { outlineFromMarkdown, outlineToMarkdown, SLIDE_KINDS, type OutlineFile, type OutlineSettings } from '../../src/outline-file/outline-markdown.ts';
import { slideWithoutPositions, withoutPositions } from '../helpers/positions.ts';
import { renderDeck } from '../../src/render/render.ts';
import { THEMES } from '../../src/outline/themes.ts';
import type { Bullet, Outline, Slide } from '../../src/types.ts';
import { slidesOfDeck, slidesOfOutline } from '../helpers/deck-slides.ts';
import { addBullet, deleteBullet, deleteSlide, editOutline, generateOutline, hideSlide, insertSlide, moveSlide, rewordBullet } from '../helpers/outline-edits.ts';

const HEAVY = Boolean(process.env.BRIEFDECK_HEAVY_TESTS);
/** Runs of 4 to 8 cycles each: 250 runs give at least 1,000 cycles. */
const RUNS = HEAVY ? 250 : 30;
const MIN_CYCLES = 4;

/** An article as sections of sentences, so edits stay well formed. */
interface ArticleModel {
  title: string;
  sections: Array<{ heading: string; sentences: string[] }>;
}

const START: ArticleModel = {
  title: 'Rail Fares and Commuters',
  sections: [
    {
      heading: 'The survey',
      sentences: [
        'The regional survey asked 4,200 commuters how they travel to work each day.',
        'It found that 62% would switch from driving to rail if fares fell by a third.',
        'Younger commuters were the most willing to change, at 71% of those under thirty.',
        'Cost was named as the main reason for driving by more than half of the drivers.',
      ],
    },
    {
      heading: 'The budget',
      sentences: [
        'A fare cut of a third would cost the transit authority about 80 million a year.',
        'The finance office expects higher ridership to recover roughly 45 million of that.',
        'The remaining gap would come from the regional fuel levy, which rose last spring.',
      ],
    },
    {
      heading: 'The timetable',
      sentences: [
        'The board will vote on the proposal in June after two public hearings.',
        'If it passes, lower fares would start in January on every line.',
        'Trains on the busiest routes would run every ten minutes at peak hours.',
      ],
    },
    {
      heading: 'The critics',
      sentences: [
        'Some council members argue that the money would be better spent on new buses.',
        'They point out that rail serves only a third of the region’s towns.',
        'The authority replied that feeder bus routes are part of the second phase.',
      ],
    },
  ],
};

const NEW_SENTENCES = [
  'A second survey in March found that support had grown to 68% among drivers.',
  'The finance office now says ridership would recover closer to 52 million.',
  'The union of station staff asked for longer opening hours to be paid as overtime.',
  'Cyclists want covered parking at every station before the fares change.',
  'The vote was moved to September because two board members were absent.',
  'Neighbouring regions will watch the results before they cut their own fares.',
  'Critics say the levy falls hardest on rural drivers who have no train to take.',
  'A pilot on the two busiest lines could start as early as next spring.',
];

function articleText(model: ArticleModel, trailing: string): string {
  return `# ${model.title}\n\n${model.sections.map((section) => `## ${section.heading}\n\n${section.sentences.join(' ')}`).join('\n\n')}\n${trailing}`;
}

type Command =
  | { type: 'reword'; slide: number; bullet: number; text: string }
  | { type: 'add-bullet'; slide: number; bullet: number; text: string }
  | { type: 'delete-bullet'; slide: number; bullet: number }
  | { type: 'delete-slide'; slide: number }
  | { type: 'move-slide'; slide: number; to: number }
  | { type: 'hide-slide'; slide: number }
  | { type: 'insert-slide'; slide: number; text: string }
  | { type: 'rename-slide'; slide: number; text: string }
  | { type: 'trailing-space'; line: number }
  | { type: 'blank-line'; line: number }
  | { type: 'line-endings'; eol: '\r\n' | '\n' }
  | { type: 'article-replace'; section: number; sentence: number; with: number }
  | { type: 'article-add'; section: number; with: number }
  | { type: 'article-delete'; section: number; sentence: number }
  | { type: 'article-whitespace' };

const index = fc.nat({ max: 40 });
const words = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 ,.'’!?—-]{1,24}$/).map((text) => text.trim()).filter((text) => text.length > 0);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('reword' as const), slide: index, bullet: index, text: words }),
  fc.record({ type: fc.constant('add-bullet' as const), slide: index, bullet: index, text: words }),
  fc.record({ type: fc.constant('delete-bullet' as const), slide: index, bullet: index }),
  fc.record({ type: fc.constant('delete-slide' as const), slide: index }),
  fc.record({ type: fc.constant('move-slide' as const), slide: index, to: index }),
  fc.record({ type: fc.constant('hide-slide' as const), slide: index }),
  fc.record({ type: fc.constant('insert-slide' as const), slide: index, text: words }),
  fc.record({ type: fc.constant('rename-slide' as const), slide: index, text: words }),
  fc.record({ type: fc.constant('trailing-space' as const), line: fc.nat({ max: 200 }) }),
  fc.record({ type: fc.constant('blank-line' as const), line: fc.nat({ max: 200 }) }),
  fc.record({ type: fc.constant('line-endings' as const), eol: fc.constantFrom('\r\n' as const, '\n' as const) }),
  fc.record({ type: fc.constant('article-replace' as const), section: index, sentence: index, with: index }),
  fc.record({ type: fc.constant('article-add' as const), section: index, with: index }),
  fc.record({ type: fc.constant('article-delete' as const), section: index, sentence: index }),
  fc.record({ type: fc.constant('article-whitespace' as const) }),
);

interface State {
  model: ArticleModel;
  trailing: string;
  article: string;
  ours: string;
  base: string;
  /** The article hash the last rebuild saw. */
  builtHash: string;
  counter: number;
}

function read(text: string): OutlineFile {
  return outlineFromMarkdown(text, new VFile({ path: 'article.outline.md', value: text }));
}

/** Apply a person's edit to the outline text. Indices wrap around what exists. */
function editText(state: State, step: Command): string {
  const tag = () => `u${(state.counter += 1)} `;
  const text = state.ours;
  const slides = read(text).document.slides;
  const pick = (n: number) => n % slides.length;
  switch (step.type) {
    case 'reword':
    case 'add-bullet':
    case 'delete-bullet': {
      const slide = pick(step.slide);
      const count = slides[slide]!.slide.bullets.length;
      if (step.type === 'add-bullet') return editOutline(text, (document) => addBullet(document, slide, count === 0 ? -1 : step.bullet % count, tag() + step.text));
      if (count === 0) return text;
      if (step.type === 'reword') return editOutline(text, (document) => rewordBullet(document, slide, step.bullet % count, tag() + step.text));
      return editOutline(text, (document) => deleteBullet(document, slide, step.bullet % count));
    }
    case 'delete-slide':
      return slides.length > 1 ? editOutline(text, (document) => deleteSlide(document, pick(step.slide))) : text;
    case 'move-slide':
      return editOutline(text, (document) => moveSlide(document, pick(step.slide), step.to % slides.length));
    case 'hide-slide':
      // Keep one slide visible: a deck of hidden slides is refused by design.
      return slides.filter((block) => !block.slide.hidden).length > 1 ? editOutline(text, (document) => hideSlide(document, pick(step.slide))) : text;
    case 'insert-slide':
      return editOutline(text, (document) => insertSlide(document, step.slide % (slides.length + 1), tag() + step.text, [tag() + step.text]));
    case 'rename-slide':
      return editOutline(text, (document) => {
        const block = document.slides[pick(step.slide)]!;
        const eol = /\r\n$/.test(block.heading) ? '\r\n' : '\n';
        const attributes = /\{[^{}]*\}[ \t]*$/.exec(block.heading.trimEnd())?.[0];
        block.heading = `## ${tag()}${step.text}${attributes ? ` ${attributes}` : ''}${eol}`;
      });
    case 'trailing-space':
    case 'blank-line': {
      const lines = text.split(/(?<=\n)/);
      const at = step.line % lines.length;
      if (step.type === 'blank-line') {
        // A blank line inside the front matter or right after `---` is still a valid file; at line 0 it would not be front matter.
        if (at === 0) return text;
        lines.splice(at, 0, /\r\n$/.test(lines[at - 1]!) ? '\r\n' : '\n');
      } else {
        lines[at] = lines[at]!.replace(/(\r?\n)?$/, '  $1');
      }
      return lines.join('');
    }
    case 'line-endings':
      return text.replace(/\r?\n/g, step.eol);
    default:
      return text;
  }
}

function editArticle(state: State, step: Command): void {
  const model: ArticleModel = structuredClone(state.model);
  const section = 'section' in step ? model.sections[step.section % model.sections.length]! : undefined;
  if (step.type === 'article-replace') section!.sentences[step.sentence % section!.sentences.length] = NEW_SENTENCES[step.with % NEW_SENTENCES.length]!;
  else if (step.type === 'article-add') section!.sentences.push(NEW_SENTENCES[step.with % NEW_SENTENCES.length]!);
  else if (step.type === 'article-delete' && section!.sentences.length > 2) section!.sentences.splice(step.sentence % section!.sentences.length, 1);
  else if (step.type === 'article-whitespace') state.trailing = state.trailing === '' ? '\n' : '';
  state.model = model;
  state.article = articleText(model, state.trailing);
}

/** Whether two slides say the same, wherever in their files they were read from. */
const sameSlide = (a: Slide, b: Slide) => JSON.stringify(slideWithoutPositions(a)) === JSON.stringify(slideWithoutPositions(b));
const key = (slide: Slide) => `${slide.kind}\u0000${slide.title}`;

/** One rebuild: what `buildDeck` decides and renders, checked against the invariants. */
function rebuild(state: State): void {
  const hash = articleHash(state.article);
  const file = new VFile({ path: 'article.outline.md', value: state.ours });
  const update = updateOutline({ ours: state.ours, base: state.base, theirs: () => generateOutline(state.article), articleSha256: hash }, file);
  const ours = read(state.ours);
  const result = read(update.text);

  // The file reads back to its exact bytes.
  expect(outlineToMarkdown(result)).toBe(update.text);
  if (hash === state.builtHash) {
    // The article did not change: the person's bytes are used as they are.
    expect(update).toMatchObject({ status: 'kept', text: state.ours, write: false });
  } else {
    expect(['updated', 'merged']).toContain(update.status);
    const base = read(state.base).outline;
    const theirs = read(generateOutline(state.article)).outline;
    const generatedTexts = new Set(base.slides.flatMap((slide) => slide.bullets.map((bullet) => bullet.text)));
    const resultTexts = result.outline.slides.flatMap((slide) => slide.bullets.map((bullet) => bullet.text));
    // Every bullet the person wrote or reworded is still there.
    for (const slide of ours.outline.slides) {
      for (const bullet of slide.bullets) if (!generatedTexts.has(bullet.text)) expect(resultTexts).toContain(bullet.text);
    }
    // Every slide the person added or renamed is still there, in the person's order.
    const baseKeys = new Set(base.slides.map(key));
    const added = ours.outline.slides.filter((slide) => !baseKeys.has(key(slide))).map(key);
    const resultKeys = result.outline.slides.map(key);
    const positions = added.map((each) => resultKeys.indexOf(each));
    expect(positions.every((position) => position !== -1)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // A slide the person left as generated follows the article (when it is unambiguous).
    const count = (slides: Slide[], wanted: string) => slides.filter((slide) => key(slide) === wanted).length;
    for (const slide of ours.outline.slides) {
      const k = key(slide);
      if ([base.slides, ours.outline.slides, theirs.slides, result.outline.slides].some((slides) => count(slides, k) !== 1)) continue;
      if (!sameSlide(slide, base.slides.find((each) => key(each) === k)!)) continue;
      expect(slideWithoutPositions(result.outline.slides.find((each) => key(each) === k)!)).toEqual(slideWithoutPositions(theirs.slides.find((each) => key(each) === k)!));
    }
  }
  // The deck shows exactly the outline's visible slides.
  const deck = renderDeck(result.outline);
  expect(slidesOfDeck(deck.html)).toEqual(slidesOfOutline(result.outline));

  state.ours = update.text;
  if (update.base !== undefined) state.base = update.base;
  state.builtHash = hash;
}

describe('edit/rebuild cycles', () => {
  it(`should keep the person's bytes or the documented merge through ${HEAVY ? 'at least 1,000' : 'random'} cycles`, () => {
    let cycles = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: MIN_CYCLES, maxLength: 8 }), (steps) => {
        const article = articleText(START, '');
        const generated = generateOutline(article);
        const state: State = { model: START, trailing: '', article, ours: generated, base: generated, builtHash: articleHash(article), counter: 0 };
        for (const step of steps) {
          if (step.type.startsWith('article-')) editArticle(state, step);
          else state.ours = editText(state, step);
          rebuild(state);
          cycles += 1;
        }
      }),
      { numRuns: RUNS },
    );
    expect(cycles).toBeGreaterThanOrEqual(RUNS * MIN_CYCLES);
  });

  it('should give back any outline text made of valid lines byte for byte', () => {
    const line = fc.oneof(
      fc.constantFrom('## A slide', '# Title {.title}', '## Hidden {.content .hidden}', '', '   ', '\t', '<!-- a comment -->', 'A paragraph line', '  indented text'),
      words.map((text) => `- ${text}`),
      words.map((text) => `* ${text} {@12:3}`),
      words.map((text) => `+   ${text}  `),
      words.map((text) => `## ${text}`),
      fc.constant('::: notes\nSpoken words\n:::'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (lines, eol, front) => {
        const text = (front ? ['---', 'title: T', 'theme: dark', '---'] : []).concat('## First', ...lines).join('\n');
        const normalized = text.replace(/\n/g, eol);
        expect(outlineToMarkdown(outlineFromMarkdown(normalized))).toBe(normalized);
      }),
      { numRuns: HEAVY ? 2000 : 300 },
    );
  });
});

/** Text made of outline syntax, escapes, Unicode (lone surrogates too) and line breaks, in any order. */
const SYNTAX = ['-', '- ', '* ', '+\t', '#', '# ', '## ', ' #', ' ##', ':::', '::: notes', ' :::', '<!--', '-->', '<!-- c -->', '{', '}', '{}', '{.hidden}', '{.bogus}', '{.title .hidden}', '{@1:2}', ' {@12:3}', '\\', '\\#', '\\{', '\\-', ' ', '\t', '---', '...', 'title: x', '"', "'", '&amp;', '<b>', 'é', '東京', '🙂', '\u00a0', '\u2028', '\ufeff', '\r', '\n', '\r\n'];
const rawText = fc
  .array(fc.oneof(fc.constantFrom(...SYNTAX), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''));
/** One line, trimmed: what titles, bullets and paragraphs are (the generator collapses white space in them). */
const lineText = rawText.map((text) => text.replace(/[\r\n]+/g, ' ').trim());
const nonEmptyLine = lineText.filter((text) => text.length > 0);
/** Notes: lines joined with LF, trimmed (as the generator makes them). */
const notesText = fc.array(rawText, { maxLength: 5 }).map((lines) => lines.join('\n').replace(/\r\n?/g, '\n').trim());
const source = fc.tuple(fc.nat(9999), fc.nat(999)).map(([line, column]) => `${line + 1}:${column + 1}`);
const bullet: fc.Arbitrary<Bullet> = fc.tuple(lineText, fc.option(source, { nil: undefined })).map(([text, from]) => (from ? { text, source: from } : { text }));
const slide: fc.Arbitrary<Slide> = fc
  .tuple(fc.constantFrom(...SLIDE_KINDS), nonEmptyLine, fc.array(bullet, { maxLength: 4 }), fc.option(fc.array(nonEmptyLine, { minLength: 1, maxLength: 3 }), { nil: undefined }), notesText, fc.boolean())
  .map(([kind, title, bullets, body, notes, hidden]) => ({ kind, title, bullets, ...(body ? { body } : {}), notes, ...(hidden ? { hidden } : {}) }));
/** Front-matter values are YAML strings: any text, line breaks included. */
const frontValue = rawText.filter((text) => text.length > 0);
const outline: fc.Arbitrary<Outline> = fc
  .record({ title: frontValue, subtitle: frontValue, author: frontValue, date: frontValue, source: frontValue, slides: fc.array(slide, { minLength: 1, maxLength: 5 }) }, { requiredKeys: ['title', 'slides'] }).map((record) => ({ ...record }));
const settings: fc.Arbitrary<OutlineSettings> = fc.record(
  { theme: fc.constantFrom(...Object.keys(THEMES)), lang: fc.constantFrom('en', 'de-CH', 'zh-Hant'), article: frontValue, 'article-sha256': fc.stringMatching(/^[0-9a-f]{64}$/) },
  { requiredKeys: [] },
).map((record) => ({ ...record }));

describe('generated outlines', () => {
  it('should read back exactly the outline and settings they were written from, whatever their text', () => {
    fc.assert(
      fc.property(outline, settings, (value, options) => {
        const text = outlineToMarkdown(value, options);
        const read = outlineFromMarkdown(text, new VFile({ path: 'generated.outline.md', value: text }));
        expect(withoutPositions(read.outline)).toStrictEqual(value);
        expect(read.settings).toStrictEqual(options);
        expect(outlineToMarkdown(read)).toBe(text);
      }),
      { numRuns: HEAVY ? 5000 : 500 },
    );
  });

  it('should write line breaks in titles, bullets and paragraphs as spaces, and notes line breaks as LF', () => {
    const withBreaks = fc.tuple(rawText, rawText).map(([a, b]) => `${a}\r\n${b}\r${a}\n`);
    const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    fc.assert(
      fc.property(withBreaks.filter((text) => oneLine(text) !== ''), withBreaks, withBreaks, (title, line, notes) => {
        const value: Outline = { title: 'T', slides: [{ kind: 'content', title, bullets: [{ text: line }], body: [oneLine(line) || 'x'], notes }] };
        const read = withoutPositions(outlineFromMarkdown(outlineToMarkdown(value)).outline);
        expect(read.slides).toStrictEqual([{ kind: 'content', title: oneLine(title), bullets: [{ text: oneLine(line) }], body: [oneLine(line) || 'x'], notes: notes.trim().replace(/\r\n|\r/g, '\n') }]);
      }),
      { numRuns: HEAVY ? 2000 : 300 },
    );
  });
});
