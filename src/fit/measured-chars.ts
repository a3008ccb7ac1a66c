/**
 * The characters the slide-fit model knows the widths of (src/fit/fit-metrics.ts,
 * measured in Chromium by scripts/lib/fit-measure.ts), in the order of its width lists.
 */

/** The characters whose advance widths the model knows; others count as {@link FALLBACK_WIDTH}. */
export const MEASURED_CHARS = (() => {
  let chars = '';
  for (let code = 32; code < 127; code += 1) chars += String.fromCharCode(code);
  for (let code = 160; code < 256; code += 1) chars += String.fromCharCode(code);
  return chars + '‘’‚“”„–—…•€™′″';
})();

/** Width of a character the model does not know, in thousandths of an em: a full em (CJK, emoji). */
export const FALLBACK_WIDTH = 1000;
