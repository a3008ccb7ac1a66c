/**
 * Article model: mdast -> {@link Article}: title, byline, sections, paragraphs
 * and sentences, each with its position in the source file.
 */
import type { Heading, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { parseDocument } from 'yaml';
import { headingLimitReason, MAX_HEADINGS } from '../ingest/input-limits.ts';
import { authorListNames } from '../ingest/page-metadata.ts';
import { sectionTitleFromText } from './section-title.ts';
import { captionTitle, exhibitsOf, footnoteOf, isCaptionText } from './exhibits.ts';
import { inlineToMarkdown, mathToInline, revertDollarText } from '../text/inline-markdown.ts';
import { decodedReferences, sourceRuns, type ReferenceCache, type SourceSyntax } from './source-offsets.ts';
import { label } from '../text/labels.ts';
import { detectLanguage, primaryLanguage } from '../text/language.ts';
import { sentenceSplitter, sentenceSpans, type SentenceSpan } from '../text/sentences.ts';
import type { Article, ArticleFormat, Footnote, InlineMark, Paragraph, Section, Sentence, SourcePoint } from '../types.ts';

/** What each article format's parser removes from or decodes in the text it reads. */
const SYNTAX: Record<ArticleFormat, SourceSyntax> = { md: 'markdown', txt: 'text', html: 'html' };

/** How {@link articleFromMdast} reads a tree. */
export interface ArticleFromMdastOptions {
  /** The format the tree was read from (default `md`): how its text maps back to the file's characters. */
  format?: ArticleFormat;
}

/** Front-matter keys an article may carry, and the model field each fills. */
type ArticleField = 'title' | 'subtitle' | 'author' | 'date' | 'source' | 'lang';
const ARTICLE_FRONT_MATTER: Record<string, ArticleField> = {
  title: 'title',
  subtitle: 'subtitle',
  author: 'author',
  authors: 'author',
  byline: 'author',
  date: 'date',
  published: 'date',
  source: 'source',
  url: 'source',
  link: 'source',
  canonical: 'source',
  lang: 'lang',
  language: 'lang',
};

/** A formatted stretch of a paragraph's raw text, and a footnote cited in it. */
interface RawMark {
  start: number;
  end: number;
  /** The stretch as Markdown inline text, written at the first call (see {@link inlineMark}). */
  markdown: () => string;
}

/** `write`, called at most once: its result is kept for later calls. */
function once(write: () => string): () => string {
  let written: string | undefined;
  return () => (written ??= write());
}

/**
 * A sentence's formatted stretch whose Markdown is written only when read: only the sentences that
 * reach a slide or the notes need it, and writing a deeply nested one (cmark's nested emphasis, a
 * few hundred levels in a paragraph) takes mdast-util-to-markdown a quarter of a second.
 */
function inlineMark(text: string, markdown: () => string): InlineMark {
  return {
    text,
    get markdown() {
      return markdown();
    },
  };
}

interface TextPiece {
  /** Offset of the piece in the paragraph text. */
  at: number;
  /** Offset of the piece in the source file, when known. */
  sourceOffset?: number;
}

/** The text of an inline tree, with a map from its offsets back to the source file (`source`, written in `syntax`). */
function textWithOffsets(node: Nodes, source: string, syntax: SourceSyntax, references: ReferenceCache): { text: string; pieces: TextPiece[]; marks: RawMark[]; footnotes: Array<{ at: number; label: string }> } {
  let text = '';
  const pieces: TextPiece[] = [];
  const marks: RawMark[] = [];
  const footnotes: Array<{ at: number; label: string }> = [];
  let inMark = false;
  // A node's characters, each at its own place in the source: escapes, entities and a line's indent or `>` come between them.
  const addValue = (current: Nodes & { value: string }) => {
    const start = current.position?.start.offset;
    if (start === undefined) pieces.push({ at: text.length });
    else if (syntax === 'markdown' && (current.type === 'inlineCode' || current.type === 'inlineMath')) {
      // The code or TeX starts after its opening backticks or dollars.
      const fence = current.type === 'inlineCode' ? '`' : '$';
      let from = start;
      while (source[from] === fence) from += 1;
      for (const run of sourceRuns(current.value, source, from, current.position?.end.offset, 'markdown-code', references)) pieces.push({ at: text.length + run.at, sourceOffset: run.sourceOffset });
    } else {
      // A saved page's text positions have no exact end (see html-reader.ts): its runs are bounded by the value.
      const end = syntax === 'html' ? undefined : current.position?.end.offset;
      for (const run of sourceRuns(current.value, source, start, end, syntax, references)) pieces.push({ at: text.length + run.at, sourceOffset: run.sourceOffset });
    }
    text += current.value;
  };
  const walk = (current: Nodes) => {
    if (current.type === 'break') {
      text += ' ';
      return;
    }
    if (current.type === 'footnoteReference') {
      footnotes.push({ at: text.length, label: current.label ?? current.identifier });
      return;
    }
    if (current.type === 'html' || current.type === 'image' || current.type === 'imageReference') {
      return;
    }
    if (!inMark && MARKED.has(current.type)) {
      const start = text.length;
      inMark = true;
      if ('value' in current) addValue(current);
      else if ('children' in current) for (const child of current.children) walk(child as Nodes);
      inMark = false;
      const marked = current;
      marks.push({ start, end: text.length, markdown: once(() => (marked.type === 'inlineMath' ? mathToInline(marked.value) : inlineToMarkdown([marked as PhrasingContent]))) });
      return;
    }
    if ('value' in current) {
      addValue(current);
      return;
    }
    if ('children' in current) for (const child of current.children) walk(child as Nodes);
  };
  walk(node);
  return { text, pieces, marks, footnotes };
}

/** Inline nodes whose formatting a bullet keeps. */
/**
 * Fail the file at the heading past {@link MAX_HEADINGS} (rule `input-limits`), before anything is built from it:
 * a saved page or a text article (a Markdown article is refused before it is parsed, see input-limits.ts).
 */
function checkSectionCount(tree: Root, file: VFile): void {
  let headings = 0;
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    headings += 1;
    if (headings <= MAX_HEADINGS) continue;
    file.fail(headingLimitReason(), {
      place: node.position?.start ?? { line: 1, column: 1 },
      ruleId: 'input-limits',
      source: 'briefdeck',
    });
  }
}

const MARKED = new Set(['strong', 'emphasis', 'delete', 'inlineCode', 'link', 'inlineMath']);

/** A run of white space, including line breaks and no-break spaces. */
const SPACE_RUN = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu;

/** Collapse runs of white space (including line breaks and no-break spaces) to one space, keeping an offset map. */
function normalizeSpace(text: string): { text: string; toOriginal: number[] } {
  let out = '';
  const toOriginal: number[] = [];
  let pendingSpace = -1;
  let from = 0;
  // Copy the stretch of text from `from` to `end`, after one space for the run before it (none at the start).
  const copy = (end: number) => {
    if (end <= from) return;
    if (pendingSpace !== -1 && out.length > 0) {
      out += ' ';
      toOriginal.push(pendingSpace);
    }
    out += text.slice(from, end);
    for (let i = from; i < end; i += 1) toOriginal.push(i);
  };
  // Whole runs at a time: a regular expression test per character made this the article stage's hot spot.
  for (const match of text.matchAll(SPACE_RUN)) {
    copy(match.index);
    pendingSpace = match.index;
    from = match.index + match[0].length;
  }
  copy(text.length);
  toOriginal.push(text.length);
  return { text: out, toOriginal };
}

/** Front matter of a Markdown article, checked and with positions in messages. */
function frontMatterFields(tree: Root, file: VFile): Partial<Record<ArticleField, string>> {
  const yamlNode = tree.children.find((node) => node.type === 'yaml');
  if (!yamlNode || yamlNode.type !== 'yaml') return {};
  const document = parseDocument(yamlNode.value);
  const baseLine = (yamlNode.position?.start.line ?? 1) + 1;
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const line = baseLine + (error.linePos?.[0].line ?? 1) - 1;
    file.fail(`Cannot read the article's front matter: ${error.message.split('\n')[0]}`, {
      place: { line, column: error.linePos?.[0].col ?? 1 },
      ruleId: 'front-matter',
      source: 'briefdeck',
    });
  }
  let data: unknown;
  try {
    // yaml refuses aliases that expand past its limit (an alias bomb) with a ReferenceError.
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    file.fail(`Cannot read the article's front matter: ${error instanceof Error ? error.message : String(error)}; expected plain \`key: value\` lines`, {
      place: { line: baseLine - 1, column: 1 },
      ruleId: 'front-matter',
      source: 'briefdeck',
    });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    // `---` / text / `---` is as often a rule and a setext heading as front matter: warn, do not refuse the article.
    file.message('Unexpected front matter that is not `key: value` lines; it is ignored', {
      place: yamlNode.position,
      ruleId: 'front-matter',
      source: 'briefdeck',
    });
    return {};
  }
  const fields: Partial<Record<ArticleField, string>> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const field = ARTICLE_FRONT_MATTER[key.toLowerCase()];
    if (!field || value === null || value === undefined) continue;
    const text = Array.isArray(value) ? value.map(String).join(', ') : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (text.trim()) fields[field] = text.trim();
  }
  return fields;
}

/**
 * Headings of an article's back matter: sources, credits and notes about the text rather than its
 * argument ("References", "5 Acknowledgements", "About the Authors", "Notes and sources").
 */
const BACK_MATTER = new RegExp(
  String.raw`^(?:[A-Z][.)]?\s+)?(?:` +
    [
      String.raw`references?(?: and notes)?`,
      String.raw`bibliography`,
      String.raw`(?:works|literature) cited`,
      String.raw`(?:end)?notes(?: and (?:sources|references))?`,
      String.raw`sources(?: and notes)?`,
      String.raw`acknowledge?ments?`,
      String.raw`about (?:the |this |our )?(?:authors?|contributors?|writers?|editors?|council|institute|institution|organi[sz]ation|centre|center|foundation|think tank|project|programme|program|publisher|series|survey|study|report|paper|us)`,
      String.raw`authors?(?:'|’)? (?:bios?|biographies|information|contributions?|notes?)`,
      String.raw`(?:author |contributor )?bios?`,
      String.raw`funding(?: (?:statement|sources|information))?`,
      String.raw`(?:competing|conflicts? of|declaration of(?: competing)?) interests?`,
      String.raw`(?:data|code|data and code) availability(?: statement)?`,
      String.raw`ethics(?: statement| approval)?`,
      String.raw`disclosures?`,
      String.raw`further reading`,
      String.raw`(?:how to )?cite this(?: article| paper| report)?`,
    ].join('|') +
    String.raw`)$`,
  'i',
);

/** Headings of the author's own summary of the whole text: what a briefing's key points say. */
const SUMMARY = /^(?:abstract|summary|executive summary|synopsis|tl;?dr|in brief|at a glance)$/i;

/** Whether a heading opens the article's own summary (an abstract, an executive summary). */
export function isSummaryHeading(heading: string): boolean {
  return heading.length <= 100 && SUMMARY.test(headingWithoutNumber(heading));
}

/** Headings of the parts that set the scene: what came before, how the work was done. */
const BACKGROUND = /^(?:introduction|background|context|historical background|history|related work|prior work|previous work|literature review|review of (?:the )?literature|preliminaries|methods?|methodology|materials and methods|data(?: and methods?)?|data sources|experimental setup|experiments? setup|setup)\b/i;

/** Headings of the parts that state what the work finds or argues. */
const FINDINGS = /^(?:(?:key |main |principal )?findings|results?|results and discussion|discussion|conclusions?|concluding (?:remarks|thoughts)|implications|policy implications|recommendations|(?:the )?bottom line|key (?:points|takeaways)|takeaways)\b/i;

/** Whether a heading opens a part that sets the scene (an introduction, background, related work, the method). */
export function isBackgroundHeading(heading: string): boolean {
  return heading.length <= 100 && BACKGROUND.test(headingWithoutNumber(heading));
}

/** Whether a heading opens a part that states findings or the argument's end (results, discussion, conclusions, recommendations). */
export function isFindingsHeading(heading: string): boolean {
  return heading.length <= 100 && FINDINGS.test(headingWithoutNumber(heading));
}

/** A heading without its section number: "5 Conclusion", "2.1. Method", "IV) Results" -> the words. */
export function headingWithoutNumber(heading: string): string {
  return heading.trim().replace(/^(?:\d+(?:\.\d+)*|[IVX]+)[.)]?\s+(?=\S)/, '');
}

/** Whether a heading opens the article's back matter. */
export function isBackMatterHeading(heading: string): boolean {
  return heading.length <= 100 && BACK_MATTER.test(headingWithoutNumber(heading));
}

const BYLINE = /^by\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al-\p{L}+))*)\s*$/u;
const DATE_LINE = /^(?:(?:published|updated|posted)(?: on)?:?\s+)?((?:\p{L}+day,?\s+)?(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}))\b.{0,30}$/iu;

/** The start of the article's prose (paragraphs and headings), enough to tell its language. */
function textSample(blocks: RootContent[], chars = 4000): string {
  let sample = '';
  for (const node of blocks) {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'list' && node.type !== 'blockquote') continue;
    sample += `${toString(node)}\n`;
    if (sample.length >= chars) break;
  }
  return sample;
}

/**
 * Build the article model from mdast. The title is the front matter's title, or the
 * first top-level heading; every later heading starts a section; text before the
 * first section heading is a section of its own, named from its content.
 */
export function articleFromMdast(tree: Root, file: VFile, options: ArticleFromMdastOptions = {}): Article {
  checkSectionCount(tree, file);
  const source = String(file.value ?? '');
  const syntax = SYNTAX[options.format ?? 'md'];
  const references: ReferenceCache = decodedReferences(source, syntax);
  const place = location(source);
  const pointAt = (offset: number | undefined, fallback: SourcePoint): SourcePoint => {
    if (offset === undefined) return fallback;
    const point = place.toPoint(offset);
    return point ? { line: point.line, column: point.column, offset } : fallback;
  };

  const fields = frontMatterFields(tree, file);
  const blocks = tree.children.filter((node) => node.type !== 'yaml');

  // The title heading: a depth-1 heading before any text.
  let titleHeading: Heading | undefined;
  const firstText = blocks.findIndex((node) => node.type !== 'heading' && node.type !== 'thematicBreak');
  // An empty `#` cannot name the deck: it stays a block and is reported as an empty heading.
  const isTitleCandidate = (node: RootContent) => node.type === 'heading' && node.depth === 1 && toString(node).trim() !== '';
  const firstH1 = blocks.findIndex(isTitleCandidate);
  const h1Count = blocks.filter(isTitleCandidate).length;
  if (firstH1 !== -1 && (firstText === -1 || firstH1 < firstText || h1Count === 1)) {
    titleHeading = blocks[firstH1] as Heading;
    blocks.splice(firstH1, 1);
  }

  const title = fields.title ?? (titleHeading ? toString(titleHeading).replace(/\s+/g, ' ').trim() : undefined);

  // A byline and a date right at the top of the body belong to the article, not its first section.
  let author = fields.author;
  let date = fields.date;
  while (blocks.length > 0 && blocks[0]!.type === 'paragraph') {
    const text = toString(blocks[0]!).replace(/\s+/g, ' ').trim();
    // "By Jane Doe", or the authors' names alone as a paper or report prints them under its title.
    const byline = BYLINE.exec(text)?.[1] ?? authorListNames(text);
    const dated = DATE_LINE.exec(text);
    if (byline && !author) author = byline;
    else if (dated && !date) date = dated[1];
    else break;
    blocks.shift();
  }

  // The article's language: what its front matter (or page) says, else what its text is in when that is
  // clearly not English. Sentences are split by that language's rules; English keeps briefdeck's own.
  const lang = fields.lang ?? detectLanguage(textSample(blocks));
  const splitSentences: (text: string) => SentenceSpan[] = lang && primaryLanguage(lang) !== 'en' ? sentenceSplitter(lang) : sentenceSpans;

  const sections: Section[] = [];
  let current: Section | undefined;
  const origin: SourcePoint = { line: 1, column: 1, offset: 0 };
  const startOf = (node: RootContent): SourcePoint => pointAt(node.position?.start.offset, origin);

  const addParagraph = (node: Nodes, section: Section) => {
    // "$5 and $10" is money, not a formula between two dollars.
    if (syntax === 'markdown' && 'children' in node) (node as { children: PhrasingContent[] }).children = revertDollarText(node.children as PhrasingContent[], source);
    const { text: raw, pieces, marks, footnotes } = textWithOffsets(node, source, syntax, references);
    const { text, toOriginal } = normalizeSpace(raw);
    if (!text) return;
    /** The index in `text` of a raw offset. */
    const normalIndex = (at: number) => {
      let low = 0;
      let high = toOriginal.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (toOriginal[middle]! < at) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    const inlineMarks = marks.map((mark) => ({ start: normalIndex(mark.start), end: normalIndex(mark.end), markdown: mark.markdown }));
    const citations = footnotes.map((footnote) => ({ at: normalIndex(footnote.at), label: footnote.label }));
    const sourceOffsetOf = (index: number): number | undefined => {
      const rawIndex = toOriginal[index] ?? raw.length;
      // The last piece that starts at or before `rawIndex` (pieces are in text order): a binary search, so a
      // long paragraph with many inline nodes stays linear.
      let low = 0;
      let high = pieces.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (pieces[middle]!.at <= rawIndex) low = middle + 1;
        else high = middle;
      }
      const piece: TextPiece | undefined = pieces[low - 1];
      if (!piece || piece.sourceOffset === undefined) return node.position?.start.offset;
      return piece.sourceOffset + (rawIndex - piece.at);
    };
    const paragraphIndex = section.paragraphs.length;
    // A paragraph made by a converter (a list item's, from HTML) may lack a position: its first text has one.
    const start = pointAt(node.position?.start.offset ?? pieces.find((piece) => piece.sourceOffset !== undefined)?.sourceOffset, section.start);
    const paragraph: Paragraph = { text, start, sentences: [] };
    // Sentence indexes run on through the section: continue from its last sentence (not a sum over all its paragraphs).
    const firstIndex = (section.paragraphs.at(-1)?.sentences.at(-1)?.index ?? -1) + 1;
    const spans = splitSentences(text);
    spans.forEach((span, spanIndex) => {
      const sentence: Sentence = {
        text: span.text,
        start: pointAt(sourceOffsetOf(span.start), start),
        index: firstIndex + paragraph.sentences.length,
        paragraph: paragraphIndex,
      };
      const end = spanIndex + 1 < spans.length ? spans[spanIndex + 1]!.start : text.length + 1;
      const own = inlineMarks.filter((mark) => mark.start >= span.start && mark.end <= span.start + span.text.length + 1 && mark.end > mark.start);
      if (own.length > 0) sentence.marks = own.map((mark) => inlineMark(text.slice(mark.start, mark.end).trim(), mark.markdown));
      // A footnote mark right after a sentence's full stop belongs to that sentence.
      const cited = citations.filter((citation) => (spanIndex === 0 || citation.at >= span.start) && citation.at < end);
      if (cited.length > 0) sentence.footnotes = cited.map((citation) => citation.label);
      paragraph.sentences.push(sentence);
    });
    if (paragraph.sentences.length > 0) section.paragraphs.push(paragraph);
  };

  /**
   * A numbered caption paragraph ("Table 1: Recall and latency.") is the title of the exhibit it stands
   * beside, not a claim: right after an exhibit that has no numbered caption yet, it becomes that
   * exhibit's caption; right before one, it is taken off the prose and handed to it ({@link isCaptionText}).
   */
  const captionBelow = (node: RootContent, section: Section): boolean => {
    if (node.type !== 'paragraph') return false;
    const exhibit = section.exhibits?.at(-1);
    if (!exhibit || exhibit.afterParagraph !== section.paragraphs.length - 1 || (exhibit.caption !== undefined && isCaptionText(exhibit.caption))) return false;
    const text = toString(node).replace(/\s+/g, ' ').trim();
    if (!isCaptionText(text)) return false;
    exhibit.caption = captionTitle(text);
    return true;
  };
  const captionAbove = (node: RootContent, section: Section): string | undefined => {
    const last = section.paragraphs.at(-1);
    const lastExhibit = section.exhibits?.at(-1);
    if (!last || (lastExhibit && lastExhibit.afterParagraph >= section.paragraphs.length - 1) || !isCaptionText(last.text)) return undefined;
    // Only then is the node read: a table, code, a formula, a figure, or a paragraph that is an image alone.
    const showsSomething = node.type === 'table' || node.type === 'code' || node.type === 'math' || (node.type === 'html' && /<(?:img|figure)\b/i.test(node.value)) || (node.type === 'paragraph' && toString(node).trim() === '');
    if (!showsSomething) return undefined;
    section.paragraphs.pop();
    return captionTitle(last.text);
  };

  /** Paragraph-like blocks inside a container (lists, quotes, footnotes are skipped). */
  const collect = (node: RootContent, section: Section) => {
    if (captionBelow(node, section)) return;
    const above = captionAbove(node, section);
    switch (node.type) {
      case 'paragraph':
        addParagraph(node, section);
        break;
      case 'list':
      case 'listItem':
        for (const child of node.children) collect(child as RootContent, section);
        break;
      default:
        break;
    }
    // Tables, figures, formulas, code and quotes (in a list too) become exhibits; an image inside a paragraph does too.
    const exhibits = exhibitsOf(node, section, file, startOf(node));
    if (above !== undefined && exhibits[0] && !(exhibits[0].caption !== undefined && isCaptionText(exhibits[0].caption))) exhibits[0].caption = above;
    for (const exhibit of exhibits) (section.exhibits ??= []).push(exhibit);
  };
  const footnotes: Footnote[] = [];
  const backMatter: Section[] = [];
  let backMatterDepth: number | undefined;

  for (const node of blocks) {
    if (node.type === 'footnoteDefinition') {
      footnotes.push(footnoteOf(node, startOf(node)));
      continue;
    }
    if (node.type === 'heading') {
      if (syntax === 'markdown') node.children = revertDollarText(node.children, source);
      // "Wrap Up:" introduces what follows on a page; as a slide title the colon has nothing to point at.
      const heading = toString(node).replace(/\s+/g, ' ').trim().replace(/\s*[:：]$/u, '');
      if (!heading) {
        file.message('Unexpected empty heading, expected text; its content joins the previous section', {
          place: node.position,
          ruleId: 'empty-heading',
          source: 'briefdeck',
        });
        continue;
      }
      current = { heading, headingGenerated: false, start: startOf(node), paragraphs: [] };
      // References, acknowledgements, notes about the authors: the article's back matter, not its argument. It
      // runs to the next heading of the same or a higher rank, and is kept apart (the deck puts it in notes).
      if (isBackMatterHeading(heading)) {
        backMatterDepth = Math.min(node.depth, backMatterDepth ?? node.depth);
        backMatter.push(current);
      } else if (backMatterDepth !== undefined && node.depth > backMatterDepth) {
        backMatter.push(current);
      } else {
        backMatterDepth = undefined;
        sections.push(current);
      }
      continue;
    }
    if (!current) {
      current = { heading: '', headingGenerated: true, start: startOf(node), paragraphs: [] };
      sections.push(current);
    }
    collect(node, current);
  }

  const withText = sections.filter((section) => {
    if (section.paragraphs.length > 0 || (section.exhibits?.length ?? 0) > 0) return true;
    if (!section.headingGenerated) {
      file.message(`Unexpected empty section \`${section.heading}\`, expected at least one paragraph`, {
        place: { line: section.start.line, column: section.start.column },
        ruleId: 'empty-section',
        source: 'briefdeck',
      });
    }
    return false;
  });

  // An article that is all back matter by its headings ("Notes" over every paragraph) is read as it is.
  if (!withText.some((section) => section.paragraphs.length > 0) && backMatter.some((section) => section.paragraphs.length > 0)) {
    withText.push(...backMatter.splice(0).filter((section) => section.paragraphs.length > 0 || (section.exhibits?.length ?? 0) > 0));
    withText.sort((a, b) => a.start.offset - b.start.offset);
  }

  if (!withText.some((section) => section.paragraphs.length > 0)) {
    file.fail('No article text found: expected at least one paragraph of prose', {
      place: { line: 1, column: 1 },
      ruleId: 'no-content',
      source: 'briefdeck',
    });
  }

  for (const section of withText) {
    if (section.headingGenerated) {
      section.heading = sectionTitleFromText(section.paragraphs.map((p) => p.text).join(' '), label(lang, withText.length === 1 ? 'summary' : 'background'), lang);
    }
  }

  const subtitle = fields.subtitle;
  const article: Article = {
    title: title ?? withText[0]!.heading,
    sections: withText,
  };
  if (subtitle) article.subtitle = subtitle;
  if (author) article.author = author;
  if (date) article.date = date;
  if (fields.source) article.source = fields.source;
  if (lang) article.lang = lang;
  if (footnotes.length > 0) article.footnotes = footnotes;
  const keptApart = backMatter.filter((section) => section.paragraphs.length > 0 || (section.exhibits?.length ?? 0) > 0);
  if (keptApart.length > 0) {
    article.backMatter = keptApart.map((section) => ({
      heading: section.heading,
      start: section.start,
      paragraphs: section.paragraphs.map((paragraph) => paragraph.text),
    }));
    for (const section of keptApart) {
      const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
      const parts = [section.paragraphs.length > 0 ? count(section.paragraphs.length, 'paragraph') : '', section.exhibits?.length ? count(section.exhibits.length, 'table or figure') : ''];
      const tables = section.exhibits?.length ? '; its tables and figures are left out' : '';
      file.info(`Kept \`${section.heading}\` (${parts.filter(Boolean).join(', ')}) off the slides: back matter goes to the closing slide's notes${tables}`, {
        place: { line: section.start.line, column: section.start.column },
        ruleId: 'back-matter',
        source: 'briefdeck',
      });
    }
  }
  return article;
}

