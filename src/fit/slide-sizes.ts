/**
 * The slide shapes briefdeck lays out and renders, and their size in CSS pixels:
 * the fit model sizes text for them, the renderers draw them.
 */

/** The slide shapes briefdeck renders. */
export type Aspect = '16:9' | '4:3';

/** Slide size in CSS pixels per shape. */
export const SLIDE_SIZES: Record<Aspect, { width: number; height: number }> = {
  '16:9': { width: 1280, height: 720 },
  '4:3': { width: 1024, height: 768 },
};

export function isAspect(value: string): value is Aspect {
  return Object.hasOwn(SLIDE_SIZES, value);
}
