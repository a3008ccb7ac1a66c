/**
 * Formulas that will not typeset: KaTeX cannot parse them (they are shown as
 * code) or they use a command that needs trust (`\href`, `\url`, `\htmlClass`...),
 * which a deck never gives. Each is a warning at its slide's outline line.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { mathError, UNTRUSTED_COMMANDS } from './blocks.ts';
import { inlineFromMarkdown } from '../text/inline-markdown.ts';
import type { Outline } from '../types.ts';

function inlineFormulas(text: string): string[] {
  if (!text.includes('$')) return [];
  const found: string[] = [];
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: inlineFromMarkdown(text) }] };
  visit(tree, 'inlineMath', (node) => {
    found.push(node.value);
  });
  return found;
}

/** Warn about every formula of the shown slides that KaTeX cannot typeset or that asks for trust, at the slide's line (its `position`). */
export function reportMathProblems(outline: Outline, file: VFile): void {
  outline.slides.forEach((slide) => {
    if (slide.hidden) return;
    const formulas: Array<{ tex: string; display: boolean }> = [];
    for (const text of [...slide.bullets.map((bullet) => bullet.text), ...(slide.body ?? []), slide.notes]) for (const tex of inlineFormulas(text)) formulas.push({ tex, display: false });
    for (const block of slide.blocks ?? []) {
      if (block.type === 'math') formulas.push({ tex: block.value, display: true });
      if (block.type === 'table') for (const cell of [...block.header, ...block.rows.flat()]) for (const tex of inlineFormulas(cell)) formulas.push({ tex, display: false });
      if (block.type === 'quote') for (const tex of inlineFormulas(block.text)) formulas.push({ tex, display: false });
    }
    for (const { tex, display } of formulas) {
      const error = mathError(tex, display);
      const untrusted = UNTRUSTED_COMMANDS.exec(tex);
      if (!error && !untrusted) continue;
      const reason = error ? `cannot be typeset (${error}); it is shown as code` : `uses \`${untrusted![0]}\`, which a deck never allows (it is shown as text)`;
      const message = file.message(`Formula \`${tex.slice(0, 60)}\` on slide \`${slide.title}\` ${reason}`, { place: { line: slide.position?.start.line ?? 1, column: 1 }, ruleId: 'math', source: 'briefdeck' });
      message.fatal = false;
    }
  });
}
