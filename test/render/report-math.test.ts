import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { outlineFromMarkdown } from '../../src/outline-file/outline-markdown.ts';
import { reportMathProblems } from '../../src/render/report-math.ts';

const OUTLINE = [
  '## Fine',
  '',
  '- A formula that typesets: $x^2$',
  '',
  '## Broken {.exhibit}',
  '',
  'A paragraph with *emphasis around $\\frac{a$* and a [link with $\\href{https://example.org}{x}$](https://example.org).',
  '',
  '| a | b |',
  '| - | - |',
  '| $\\sqrt{$ | 2 |',
  '',
  '$$',
  '\\left(',
  '$$',
  '',
  '- A bullet with **$\\url{https://example.org}$** in bold',
  '',
  '::: notes',
  'Notes with $\\begin{x}$ too.',
  ':::',
  '',
  '## Hidden {.hidden}',
  '',
  '- $\\frac{$',
  '',
].join('\n');

describe('reportMathProblems', () => {
  it('should warn about every formula that cannot be typeset or asks for trust, wherever it is nested, at its slide line', () => {
    const file = new VFile({ path: 'o.outline.md', value: OUTLINE });
    const { outline } = outlineFromMarkdown(OUTLINE, file);
    reportMathProblems(outline, file);
    const broken = OUTLINE.split('\n').indexOf('## Broken {.exhibit}') + 1;
    expect(file.messages.map((message) => `${message.line}:${message.column} ${/Formula `([^`]*)`/.exec(message.reason)![1]}`)).toEqual([
      `${broken}:1 \\url{https://example.org}`,
      `${broken}:1 \\frac{a`,
      `${broken}:1 \\href{https://example.org}{x}`,
      `${broken}:1 \\begin{x}`,
      `${broken}:1 \\sqrt{`,
      `${broken}:1 \\left(`,
    ]);
    expect(file.messages.every((message) => message.ruleId === 'math' && !message.fatal)).toBe(true);
  });
});
