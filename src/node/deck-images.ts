/**
 * The images a deck shows: each figure's file, found relative to the article's
 * folder and never outside it (after symlinks), read bounded, sized, and listed
 * for copying into the deck folder as `images/NN-name.ext`. A network address,
 * a `file:`/`javascript:`/`data:` URL, an absolute path, a path out of the
 * folder, a missing file or a file that is not an image is a warning at the
 * figure's outline line, and the slide shows the figure's alt text instead.
 */
import { imageSize } from 'image-size';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { BriefdeckError } from './errors.ts';
import { assertInside, readFileBounded } from './safe-path.ts';
import type { DeckImage } from '../render/blocks.ts';
import type { Outline } from '../types.ts';

/** The largest image a deck copies. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const IMAGE_TYPES = new Set(['png', 'jpg', 'gif', 'webp', 'svg', 'avif']);

/** Find, check and size every figure's image; warnings go on the outline file at the slide's line (its `position`). */
export async function deckImages(outline: Outline, articlePath: string, file: VFile): Promise<Record<string, DeckImage & { from: string }>> {
  const root = dirname(resolve(articlePath));
  const images: Record<string, DeckImage & { from: string }> = {};
  const refused = new Set<string>();
  let count = 0;
  for (const slide of outline.slides) {
    for (const block of slide.blocks ?? []) {
      if (block.type !== 'figure' || images[block.src] || refused.has(block.src)) continue;
      const warn = (reason: string) => {
        refused.add(block.src);
        const message = file.message(`Figure \`${block.src.slice(0, 120)}\` on slide \`${slide.title}\` ${reason}; the slide shows its alt text instead`, {
          place: { line: slide.position?.start.line ?? 1, column: 1 },
          ruleId: 'figure',
          source: 'briefdeck',
        });
        message.fatal = false;
      };
      const src = block.src.trim();
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
        warn(/^(?:https?:)?\/\//i.test(src) ? 'is a network address, which briefdeck never fetches: save the image beside the article' : 'is not a file path');
        continue;
      }
      let path: string;
      try {
        path = decodeURIComponent(src.split(/[?#]/)[0]!);
      } catch {
        path = src;
      }
      if (isAbsolute(path)) {
        warn('is an absolute path: give it relative to the article\'s folder');
        continue;
      }
      const full = resolve(root, path);
      try {
        await assertInside(root, full, 'the image');
      } catch (error) {
        if (error instanceof BriefdeckError) {
          warn('is outside the article\'s folder');
          continue;
        }
        throw error;
      }
      let bytes: Buffer | undefined;
      try {
        bytes = await readFileBounded(full, MAX_IMAGE_BYTES, (size) => `is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_IMAGE_BYTES / 1048576} MB limit`);
      } catch (error) {
        if (error instanceof BriefdeckError) {
          warn(error.message.replace(/^.*?: /, ''));
          continue;
        }
        throw error;
      }
      if (!bytes) {
        warn('is missing');
        continue;
      }
      let size: { width?: number; height?: number; type?: string };
      try {
        size = imageSize(bytes);
      } catch {
        warn('is not an image briefdeck can read');
        continue;
      }
      const type = size.type === 'jpeg' ? 'jpg' : size.type ?? '';
      if (!IMAGE_TYPES.has(type) || !size.width || !size.height) {
        warn('is not a PNG, JPEG, GIF, WebP, AVIF or SVG image');
        continue;
      }
      count += 1;
      const stem = basename(path, extname(path)).replace(/[^\w-]+/g, '-').slice(0, 40) || 'image';
      images[block.src] = { from: full, to: join('images', `${String(count).padStart(2, '0')}-${stem}.${type}`), width: size.width, height: size.height };
    }
  }
  return images;
}
