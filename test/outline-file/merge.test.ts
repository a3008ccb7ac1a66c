import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { articleHash } from '../../src/node/build-deck.ts';
import { mergeOutlines, updateOutline, type OutlineDecision, type OutlineUpdate } from '../../src/outline-file/merge.ts';
import { outlineFromMarkdown, type OutlineFile } from '../../src/outline-file/outline-markdown.ts';
import { withoutPositions } from '../helpers/positions.ts';
import {
  addBullet,
  deleteSlide,
  editOutline,
  generateOutline,
  hideSlide,
  MERGE_ARTICLE,
  moveSlide,
  rewordBullet,
  slideIndex,
} from '../helpers/outline-edits.ts';

/** The article with one section's paragraph replaced. */
function withSection(article: string, heading: string, paragraph: string): string {
  const blocks = article.split('\n\n');
  const index = blocks.indexOf(`## ${heading}`);
  if (index === -1) throw new Error(`no section ${heading}`);
  blocks[index + 1] = paragraph;
  return blocks.join('\n\n');
}

const NEW_TIMETABLE =
  'The board postponed its vote on the proposal until September. Members asked for a second estimate of the ridership gain before deciding. A pilot on two lines could begin in spring if the vote passes. The authority still hopes to publish ridership figures next autumn.';

function read(text: string): OutlineFile {
  return outlineFromMarkdown(text, new VFile({ path: 'article.outline.md', value: text }));
}

/** The slide of that title, without the positions it was read from (the same slide sits on other lines in another file). */
function slideTitled(file: OutlineFile, title: string) {
  return withoutPositions(file.outline).slides.find((slide) => slide.title === title);
}

function conflictMessages(text: string): string[] {
  const file = new VFile({ path: 'article.outline.md', value: text });
  outlineFromMarkdown(text, file);
  return file.messages.map((message) => `${message.line}: ${message.reason}`);
}

/**
 * What an update decided; and, checked on the way, that the text to build comes back read: the
 * outline, positions and warnings that reading the text gives, so the build reads it no more.
 */
function decision(update: OutlineUpdate): OutlineDecision {
  const file = new VFile({ path: 'article.outline.md', value: update.text });
  expect(update.read).toEqual(outlineFromMarkdown(update.text, file));
  const said = (messages: VFileMessage[]) => messages.map((message) => `${message.line}:${message.column}: ${message.reason}`);
  expect(said(update.messages)).toEqual(said(file.messages));
  const { read: _read, messages: _messages, ...rest } = update;
  return rest;
}

describe('updateOutline', () => {
  const base = generateOutline(MERGE_ARTICLE);
  const hash = articleHash(MERGE_ARTICLE);
  const changed = withSection(MERGE_ARTICLE, 'The timetable', NEW_TIMETABLE);

  it('should create the outline when there is no file', () => {
    const update = updateOutline({ theirs: () => base, articleSha256: hash }, new VFile());
    expect(decision(update)).toEqual({ status: 'created', text: base, write: true, backup: false, base });
  });

  it('should keep an edited outline byte for byte while the article is unchanged', () => {
    const ours = editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine')).replace(/\n/g, '\r\n');
    const update = updateOutline({ ours, base, theirs: () => { throw new Error('should not generate'); }, articleSha256: hash }, new VFile());
    expect(decision(update)).toEqual({ status: 'kept', text: ours, write: false, backup: false, base: undefined });
  });

  it('should say a kept outline is exactly as generated only when it equals its recorded base (no hand edit for the fidelity check to read the article for)', () => {
    const untouched = updateOutline({ ours: base, base, theirs: () => { throw new Error('should not generate'); }, articleSha256: hash }, new VFile());
    expect(untouched.status).toBe('kept');
    expect(untouched.asGenerated).toBe(true);
    const edited = editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine'));
    expect(updateOutline({ ours: edited, base, theirs: () => base, articleSha256: hash }, new VFile()).asGenerated).toBeUndefined();
    expect(updateOutline({ ours: base, theirs: () => base, articleSha256: hash }, new VFile()).asGenerated).toBeUndefined();
  });

  it('should record a base when an outline with the current hash has none', () => {
    const update = updateOutline({ ours: base, theirs: () => base, articleSha256: hash }, new VFile());
    expect(decision(update)).toEqual({ status: 'kept', text: base, write: false, backup: false, base });
  });

  it('should follow the article when the file is as generated', () => {
    const theirs = generateOutline(changed);
    const update = updateOutline({ ours: base, base, theirs: () => theirs, articleSha256: articleHash(changed) }, new VFile());
    expect(decision(update)).toEqual({ status: 'updated', text: theirs, write: true, backup: false, base: theirs });
  });

  it('should merge when the file was edited and the article changed', () => {
    const theirs = generateOutline(changed);
    const ours = editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine'));
    const update = updateOutline({ ours, base, theirs: () => theirs, articleSha256: articleHash(changed) }, new VFile());
    expect(decision(update)).toEqual({ status: 'merged', text: mergeOutlines(base, ours, theirs), write: true, backup: false, base: theirs });
  });

  it('should keep the file and say why when the article changed and there is no base', () => {
    const file = new VFile({ path: 'article.outline.md' });
    const ours = editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine'));
    const update = updateOutline({ ours, theirs: () => generateOutline(changed), articleSha256: articleHash(changed) }, file);
    expect(decision(update)).toEqual({ status: 'kept', text: ours, write: false, backup: false });
    expect(file.messages.map(String)).toEqual([
      'article.outline.md:1:1: The article changed since this outline was generated, but briefdeck has no record of the outline it generated, so it cannot merge: the outline is used as it is (run with --regenerate to start fresh)',
    ]);
  });

  it('should keep the file when the record of the generated outline cannot be read', () => {
    const file = new VFile({ path: 'article.outline.md' });
    const ours = editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine'));
    const update = updateOutline({ ours, base: '- truncated record\n', theirs: () => generateOutline(changed), articleSha256: articleHash(changed) }, file);
    expect(decision(update)).toEqual({ status: 'kept', text: ours, write: false, backup: false });
    expect(file.messages).toHaveLength(1);
  });

  it('should start fresh and ask for a backup on regenerate', () => {
    const ours = editOutline(base, (document) => deleteSlide(document, 1));
    const update = updateOutline({ ours, base, theirs: () => base, articleSha256: hash, regenerate: true }, new VFile());
    expect(decision(update)).toEqual({ status: 'regenerated', text: base, write: true, backup: true, base });
  });

  it('should fail a malformed file with its line before deciding anything', () => {
    const ours = base.replace('---\n\n## ', '---\n\n- stray bullet\n\n## ');
    expect(() => updateOutline({ ours, base, theirs: () => base, articleSha256: 'other' }, new VFile({ path: 'article.outline.md' }))).toThrow(VFileMessage);
    try {
      updateOutline({ ours, base, theirs: () => base, articleSha256: 'other' }, new VFile({ path: 'article.outline.md' }));
    } catch (error) {
      const message = error as VFileMessage;
      expect(`${message.file}:${message.line}:${message.column}`).toBe(`article.outline.md:${ours.split('\n').indexOf('- stray bullet') + 1}:1`);
    }
  });
});

describe('mergeOutlines', () => {
  const base = generateOutline(MERGE_ARTICLE);
  const changed = withSection(MERGE_ARTICLE, 'The timetable', NEW_TIMETABLE);
  const theirs = generateOutline(changed);

  it('should keep every edit and let untouched slides follow the article', () => {
    const original = read(base);
    const budget = slideTitled(original, 'The budget')!;
    const ours = editOutline(base, (document) => {
      rewordBullet(document, slideIndex(document, 'The survey'), 0, 'Most drivers would take the train if it were cheaper');
      addBullet(document, slideIndex(document, 'The budget'), 0, 'Ask the finance office for the 2027 figure');
      deleteSlide(document, slideIndex(document, 'The critics'));
      moveSlide(document, slideIndex(document, 'Bottom line'), 1);
      hideSlide(document, slideIndex(document, 'Agenda'));
    });
    const merged = read(mergeOutlines(base, ours, theirs));
    const titles = merged.outline.slides.map((slide) => slide.title);
    expect(titles).toEqual(read(ours).outline.slides.map((slide) => slide.title));
    expect(slideTitled(merged, 'The survey')!.bullets[0]).toEqual({ text: 'Most drivers would take the train if it were cheaper', source: original.outline.slides[slideIndex(read(base).document, 'The survey')]!.bullets[0]!.source });
    expect(slideTitled(merged, 'The budget')!.bullets).toEqual([budget.bullets[0], { text: 'Ask the finance office for the 2027 figure' }, ...budget.bullets.slice(1)]);
    expect(slideTitled(merged, 'Agenda')!.hidden).toBe(true);
    // The section the person did not touch follows the changed article.
    expect(slideTitled(merged, 'The timetable')).toEqual(slideTitled(read(theirs), 'The timetable'));
    expect(slideTitled(merged, 'The timetable')).not.toEqual(slideTitled(original, 'The timetable'));
    expect(conflictMessages(mergeOutlines(base, ours, theirs))).toEqual([]);
  });

  it('should merge an article whose headings look like outline syntax, keeping them as text', () => {
    const syntax = (article: string) => article.replace('## The budget', '## The budget {.hidden}').replace('## The critics', '## C# ##').replace('## The survey', '## - The survey {@1:2}');
    const syntaxBase = generateOutline(syntax(MERGE_ARTICLE));
    const syntaxTheirs = generateOutline(syntax(changed));
    const ours = editOutline(syntaxBase, (document) => rewordBullet(document, slideIndex(document, 'The budget {.hidden}'), 0, 'Mine'));
    const merged = read(mergeOutlines(syntaxBase, ours, syntaxTheirs));
    const titles = merged.outline.slides.map((slide) => slide.title);
    expect(titles).toEqual(read(syntaxTheirs).outline.slides.map((slide) => slide.title));
    expect(titles).toEqual(expect.arrayContaining(['The budget {.hidden}', 'C#', '- The survey {@1:2}']));
    expect(merged.outline.slides.filter((slide) => slide.hidden)).toEqual([]);
    expect(slideTitled(merged, 'The budget {.hidden}')!.bullets[0]!.text).toBe('Mine');
    expect(slideTitled(merged, 'The timetable')).toEqual(slideTitled(read(syntaxTheirs), 'The timetable'));
  });

  it('should keep the bytes of an edited slide the article did not change', () => {
    // The premise: the changed timetable leaves this slide as it was (the key points, which
    // content slides do not repeat, can move other sections' claims; the budget's stay).
    expect(slideTitled(read(theirs), 'The budget')).toEqual(slideTitled(read(base), 'The budget'));
    const ours = editOutline(base, (document) => {
      const budget = document.slides[slideIndex(document, 'The budget')]!;
      budget.heading = '## The budget   \n';
      rewordBullet(document, slideIndex(document, 'The budget'), 1, 'The gap   comes from the levy,  officials say  ');
    });
    const oursBudget = read(ours).document.slides.find((block) => block.slide.title === 'The budget')!;
    const raw = oursBudget.heading + oursBudget.parts.map((part) => part.raw).join('');
    expect(mergeOutlines(base, ours, theirs)).toContain(raw);
  });

  it('should mark a bullet both sides changed, keep the person\'s words, and report the line', () => {
    const timetable = slideIndex(read(base).document, 'The timetable');
    const ours = editOutline(base, (document) => rewordBullet(document, timetable, 0, 'The vote is in June, hearings first'));
    const text = mergeOutlines(base, ours, theirs);
    const merged = read(text);
    const slide = slideTitled(merged, 'The timetable')!;
    expect(slide.bullets.map((bullet) => bullet.text)).toContain('The vote is in June, hearings first');
    const lines = text.split('\n');
    const mine = lines.findIndex((line) => line.startsWith('- The vote is in June, hearings first'));
    const marker = lines[mine + 1]!;
    expect(marker).toMatch(/^<!-- briefdeck-conflict: the article /);
    expect(conflictMessages(text)).toEqual([`${mine + 2}: Unresolved merge conflict: ${marker.replace(/^<!-- briefdeck-conflict: /, '').replace(/ -->$/, '')} (delete this comment once resolved)`]);
  });

  it('should drop an untouched slide whose section left the article and keep an edited one with a marker', () => {
    const withoutCritics = MERGE_ARTICLE.slice(0, MERGE_ARTICLE.indexOf('## The critics'));
    const later = generateOutline(withoutCritics);
    expect(slideTitled(read(mergeOutlines(base, editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine')), later)), 'The critics')).toBeUndefined();
    const ours = editOutline(base, (document) => addBullet(document, slideIndex(document, 'The critics'), 0, 'Bus riders were not asked'));
    const text = mergeOutlines(base, ours, later);
    expect(slideTitled(read(text), 'The critics')!.bullets.map((bullet) => bullet.text)).toContain('Bus riders were not asked');
    expect(conflictMessages(text)).toHaveLength(1);
  });

  it('should place a new section after the one it follows in the article', () => {
    const longer = MERGE_ARTICLE.replace(
      '## The critics',
      '## The unions\n\nThe drivers\u2019 union supports the plan if no jobs are cut. It asked for a guarantee in writing before the vote. Station staff would be retrained for the longer opening hours.\n\n## The critics',
    );
    const ours = editOutline(base, (document) => moveSlide(document, slideIndex(document, 'The timetable'), 2));
    const merged = read(mergeOutlines(base, ours, generateOutline(longer)));
    const titles = merged.outline.slides.map((slide) => slide.title);
    expect(titles.indexOf('The unions')).toBe(titles.indexOf('The timetable') + 1);
    expect(titles.indexOf('The timetable')).toBe(2);
  });

  it('should write the merge in the person\'s line endings', () => {
    const ours = editOutline(base, (document) => rewordBullet(document, 1, 0, 'Mine')).replace(/\n/g, '\r\n');
    const text = mergeOutlines(base, ours, theirs);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(slideTitled(read(text), 'The timetable')).toEqual(slideTitled(read(theirs), 'The timetable'));
  });

  it('should follow a renamed article title on the title slide the person added a line to', () => {
    const renamed = MERGE_ARTICLE.replace('# Rail Fares and Commuters', '# Cheaper Rail Fares');
    const ours = editOutline(base, (document) => {
      const block = document.slides.find((each) => each.slide.kind === 'title')!;
      block.parts.push({ type: 'paragraph', raw: 'Presented by the planning team\n', line: 0, text: 'Presented by the planning team' }, { type: 'blank', raw: '\n', line: 0 });
    });
    const text = mergeOutlines(base, ours, generateOutline(renamed));
    const merged = read(text);
    const titles = merged.outline.slides.filter((slide) => slide.kind === 'title');
    expect(titles).toHaveLength(1);
    expect(titles[0]!.title).toBe('Cheaper Rail Fares');
    expect(titles[0]!.body).toContain('Presented by the planning team');
    expect(merged.outline.title).toBe('Cheaper Rail Fares');
    expect(conflictMessages(text)).toEqual([]);
  });

  it('should mark a front-matter value both sides changed with a YAML comment and report it', () => {
    const ours = base.replace('title: Rail Fares and Commuters', 'title: Cheaper Trains');
    const text = mergeOutlines(base, ours, generateOutline(MERGE_ARTICLE.replace('# Rail Fares and Commuters', '# Cheaper Rail Fares')));
    expect(read(text).outline.title).toBe('Cheaper Trains');
    const line = text.split('\n').findIndex((each) => each.startsWith('title: Cheaper Trains')) + 1;
    expect(conflictMessages(text)).toEqual([`${line}: Unresolved merge conflict: the article now has "Cheaper Rail Fares" (delete this comment once resolved)`]);
  });

  it('should keep a title the person changed in the front matter and take the new hash', () => {
    const ours = base.replace('title: Rail Fares and Commuters', 'title: Cheaper Trains');
    const merged = read(mergeOutlines(base, ours, theirs));
    expect(merged.outline.title).toBe('Cheaper Trains');
    expect(merged.settings['article-sha256']).toBe(articleHash(changed));
  });
});
