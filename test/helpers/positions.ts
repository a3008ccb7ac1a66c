/**
 * Outlines read from a file carry the `position` of every slide, bullet and block; a generated
 * outline has none. These helpers compare the two: what an outline says, and where it was read from.
 */
import type { Outline, Position, Slide } from '../../src/types.ts';

/** The outline without the positions it was read from: what an outline that says the same but was never read has. */
export function withoutPositions(outline: Outline): Outline {
  return { ...outline, slides: outline.slides.map(slideWithoutPositions) };
}

/** The slide without the positions of it, its bullets and its blocks. */
export function slideWithoutPositions({ position, ...slide }: Slide): Slide {
  return {
    ...slide,
    bullets: slide.bullets.map(({ position, ...bullet }) => bullet),
    ...(slide.blocks ? { blocks: slide.blocks.map(({ position, ...block }) => block) } : {}),
  };
}

function place(position: Position | undefined): string {
  return position ? `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}` : 'none';
}

/** Each slide's place, then its bullets' and blocks' places, as `line:column-line:column` (offsets left out). */
export function placesOf(outline: Outline): string[] {
  return outline.slides.map((slide) =>
    [place(slide.position), ...slide.bullets.map((bullet) => `- ${place(bullet.position)}`), ...(slide.blocks ?? []).map((block) => `${block.type} ${place(block.position)}`)].join(' '),
  );
}
