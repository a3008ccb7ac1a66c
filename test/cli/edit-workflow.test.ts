/** End to end through the real CLI: edit the outline, rebuild, change the article, rebuild; nothing the person wrote is lost. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { basePathFor } from '../../src/node/outline-store.ts';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { outlineFromText } from '../../src/outline/pipeline.ts';
import type { Outline } from '../../src/types.ts';
import { slidesOfDeck, slidesOfOutline } from '../helpers/deck-slides.ts';
import { runCli, seedWorkspace } from '../helpers/cli.ts';
import { addBullet, deleteSlide, editOutline, moveSlide, rewordBullet } from '../helpers/outline-edits.ts';

const ARTICLE = 'content/isis-central-asia.txt';
const OUTLINE = 'content/isis-central-asia.outline.md';
const DECK = 'dist/isis-central-asia/index.html';

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** What the deck should show: since issue 13 a slide that continues a section shows its `{section="..."}` label as a paragraph above its title. */
function shownSlides(outline: Outline) {
  const visible = outline.slides.filter((slide) => !slide.hidden);
  return slidesOfOutline(outline).map((slide, index) => {
    const section = visible[index]!.section;
    return section ? { ...slide, body: [section, ...slide.body] } : slide;
  });
}

function outlineOf(text: string) {
  return outlineFromMarkdown(text, new VFile({ path: OUTLINE, value: text }));
}

describe('editing the outline and rebuilding', () => {
  it('should keep every edit through a rebuild and an article change, and refuse a malformed outline', async () => {
    const dir = seedWorkspace('briefdeck-edit-');
    const seed = runCli([ARTICLE], dir);
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stdout).toContain('(created)');
    const generated = outlineOf(read(dir, OUTLINE));
    const kinds = generated.outline.slides.map((slide) => slide.kind);
    const content = kinds.flatMap((kind, index) => (kind === 'content' ? [index] : []));
    expect(content.length).toBeGreaterThanOrEqual(3);
    const [deleted, changed, extended] = [content[0]!, content[1]!, content[content.length - 1]!];
    const keyPoints = kinds.indexOf('key-points');
    const closing = kinds.indexOf('closing');
    const deletedTitle = generated.outline.slides[deleted]!.title;
    const changedTitle = generated.outline.slides[changed]!.title;

    // Reword a bullet, add a manual bullet, delete a slide, move a slide.
    const edited = editOutline(read(dir, OUTLINE), (document) => {
      rewordBullet(document, keyPoints, 0, 'ISIS wants a base in Central Asia — in my words');
      addBullet(document, extended, 0, 'Ask the audience: who gains from the split?');
      deleteSlide(document, deleted);
      moveSlide(document, closing - 1, 1);
    });
    writeFileSync(join(dir, OUTLINE), edited);
    const mtime = statSync(join(dir, OUTLINE)).mtimeMs;

    const rebuilt = runCli([ARTICLE], dir);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('(kept)');
    expect(read(dir, OUTLINE)).toBe(edited);
    expect(statSync(join(dir, OUTLINE)).mtimeMs).toBe(mtime);
    const mine = outlineOf(edited).outline;
    expect(slidesOfDeck(read(dir, DECK))).toEqual(shownSlides(mine));
    expect(mine.slides[1]!.kind).toBe('closing');
    expect(mine.slides.map((slide) => slide.title)).not.toContain(deletedTitle);

    // Change the paragraph behind the first bullet of a slide the person did not touch.
    const line = Number(generated.outline.slides[changed]!.bullets[0]!.source!.split(':')[0]);
    const articleLines = read(dir, ARTICLE).split('\n');
    articleLines[line - 1] =
      'In the spring, reporters confirmed that Pakistani Taliban commanders had pledged loyalty to ISIS in Orakzai. The pledge split several local factions. Recruiters then moved north toward the Afghan border provinces.';
    const newArticle = articleLines.join('\n');
    writeFileSync(join(dir, ARTICLE), newArticle);

    const merged = runCli([ARTICLE], dir);
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('(merged)');
    const after = outlineOf(read(dir, OUTLINE)).outline;
    // The reworded key point stays; the new article may add generated key points around it.
    expect(after.slides.find((slide) => slide.kind === 'key-points')!.bullets.map((bullet) => bullet.text)).toContain('ISIS wants a base in Central Asia — in my words');
    expect(after.slides.flatMap((slide) => slide.bullets.map((bullet) => bullet.text))).toContain('Ask the audience: who gains from the split?');
    expect(after.slides.map((slide) => slide.title)).not.toContain(deletedTitle);
    expect(after.slides[1]!.kind).toBe('closing');
    const fresh = await outlineFromText(newArticle, { format: 'txt', sourceName: 'isis-central-asia.txt' });
    const expectedSlide = fresh.slides.find((slide) => slide.title === changedTitle);
    expect(after.slides.find((slide) => slide.title === changedTitle)).toEqual(expectedSlide);
    expect(expectedSlide).not.toEqual(generated.outline.slides[changed]);
    expect(slidesOfDeck(read(dir, DECK))).toEqual(shownSlides(after));
    // The person's file before the merge is kept in briefdeck's folder; the base is the new generation.
    expect(read(dir, 'content/.briefdeck/isis-central-asia.outline.md.before-merge')).toBe(edited);
    expect(existsSync(basePathFor(join(dir, OUTLINE)))).toBe(true);

    // A malformed outline: file:line:column, exit 1, nothing written.
    const deck = read(dir, DECK);
    const good = read(dir, OUTLINE);
    const lines = good.split('\n');
    const firstSlide = lines.findIndex((each) => each.startsWith('## '));
    lines.splice(firstSlide, 0, '- a bullet before any slide', '');
    const broken = lines.join('\n');
    writeFileSync(join(dir, OUTLINE), broken);
    const failed = runCli([ARTICLE], dir);
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim()).toBe(`error: ${OUTLINE}:${firstSlide + 1}:1: Unexpected bullet before any slide: start a slide with a \`## Title\` line first`);
    expect(read(dir, DECK)).toBe(deck);
    expect(read(dir, OUTLINE)).toBe(broken);
  });

  it('should regenerate on --regenerate and keep the old outline as a backup', () => {
    const dir = seedWorkspace('briefdeck-regen-');
    expect(runCli([ARTICLE], dir).status).toBe(0);
    const generated = read(dir, OUTLINE);
    const edited = editOutline(generated, (document) => deleteSlide(document, 1));
    writeFileSync(join(dir, OUTLINE), edited);
    const result = runCli([ARTICLE, '--regenerate'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(regenerated, old one kept as ${OUTLINE}.bak)`);
    expect(read(dir, OUTLINE)).toBe(generated);
    expect(read(dir, `${OUTLINE}.bak`)).toBe(edited);
  });
});
