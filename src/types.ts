/**
 * The data that flows between briefdeck's stages:
 * article text -> mdast -> {@link Article} -> {@link Outline} -> hast -> HTML.
 * Everything here is plain, JSON-serializable data.
 */
import type { Position } from 'unist';

export type { Position };

/** A 1-based line and column in the article (or outline) file, with the 0-based offset. */
export interface SourcePoint {
  line: number;
  column: number;
  offset: number;
}

/**
 * Inline formatting of a stretch of a sentence (emphasis, strong, inline code, a
 * link, inline math, strikethrough), so a bullet drawn from the sentence keeps it.
 */
export interface InlineMark {
  /** The stretch as it reads in the sentence's plain text. */
  text: string;
  /** The same stretch as Markdown inline syntax: `**text**`, `[text](url)`, `$tex$`... */
  markdown: string;
}

/** One sentence of a paragraph, with where it starts in the source file. */
export interface Sentence {
  text: string;
  start: SourcePoint;
  /** Index of the sentence within its section, in reading order. */
  index: number;
  /** Index of the paragraph within its section. */
  paragraph: number;
  /** Formatting inside the sentence, in order; absent when it has none. */
  marks?: InlineMark[];
  /** Labels of the footnotes the sentence cites (`[^label]`), in order; absent when none. */
  footnotes?: string[];
}

/** A paragraph of running text (list items and block quotes count as paragraphs too). */
export interface Paragraph {
  text: string;
  start: SourcePoint;
  sentences: Sentence[];
}

/**
 * Something an article shows that is not running prose: a table, a figure, a
 * display formula, a code block or a block quote, with where it is and what
 * introduces it. Each becomes a slide of kind `exhibit` (a quote, `quote`).
 */
export interface Exhibit {
  block: SlideBlock;
  start: SourcePoint;
  /** Index of the paragraph of the section it follows (-1 before the first). */
  afterParagraph: number;
  /** Its caption (`Table 2: ...`, a figcaption, an image title) or the sentence introducing it (ending in `:`), as plain text. */
  caption?: string;
}

/** A footnote of the article: its label and its text as Markdown inline syntax. */
export interface Footnote {
  label: string;
  text: string;
  start: SourcePoint;
}

/** A heading and the text that follows it up to the next heading of the same or higher rank. */
export interface Section {
  heading: string;
  /** True when the article had no heading here and briefdeck named the section. */
  headingGenerated: boolean;
  start: SourcePoint;
  paragraphs: Paragraph[];
  /** Tables, figures, formulas, code and quotes of the section, in reading order; absent when none. */
  exhibits?: Exhibit[];
}

/** An article as briefdeck understands it, independent of its source format. */
export interface Article {
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  /** Where the article came from: a URL when known, else the file name. */
  source?: string;
  /** The article's language (BCP 47), when it says: a web page's `lang`, or `lang:` in front matter. */
  lang?: string;
  sections: Section[];
  /** The article's footnotes by label; absent when it has none. */
  footnotes?: Footnote[];
  /**
   * Back matter (references, acknowledgements, about the authors), kept out of the sections: no
   * claim is drawn from it, and the deck keeps its text in the closing slide's notes.
   */
  backMatter?: BackMatter[];
}

/** A back-matter section: its heading and its paragraphs as plain text. */
export interface BackMatter {
  heading: string;
  start: SourcePoint;
  paragraphs: string[];
}

/**
 * `exhibit`: a slide showing a table, figure, formula or code block of the
 * article; `quote`: a pull quote. Both are planned apart from the claim slides.
 */
export type SlideKind = 'title' | 'key-points' | 'agenda' | 'content' | 'closing' | 'exhibit' | 'quote';

/** Alignment of a table column, as a GFM delimiter row gives it (`:--`, `:-:`, `--:`); null when unset. */
export type ColumnAlign = 'left' | 'center' | 'right' | null;

/**
 * A table: header row and body rows of cells, each cell Markdown inline syntax
 * (a literal `|` written `\|`). Numbers are right-aligned when `align` says so
 * or the column holds numbers only.
 */
export interface TableBlock {
  type: 'table';
  /** Where the block is in the outline file it was read from; absent on a generated outline. */
  position?: Position;
  align: ColumnAlign[];
  header: string[];
  rows: string[][];
  /**
   * Column widths as fractions of the table's width, set by the fit step on
   * each part of a table split by rows (so the parts' columns line up);
   * absent otherwise (the widths then come from the cells).
   */
  columnWidths?: number[];
}

/**
 * An image. `src` is the path as the article (or outline) wrote it, relative to
 * the article's folder; the build copies the file into the deck folder.
 */
export interface FigureBlock {
  type: 'figure';
  /** Where the block is in the outline file it was read from; absent on a generated outline. */
  position?: Position;
  src: string;
  /** Alternative text, plain. */
  alt: string;
  /** Caption shown under the image, plain text; absent when none. */
  caption?: string;
}

/** A code block: its text (lines separated by `\n`) and its language, when known. */
export interface CodeBlock {
  type: 'code';
  /** Where the block is in the outline file it was read from; absent on a generated outline. */
  position?: Position;
  lang?: string;
  value: string;
}

/** A display formula in TeX, typeset with KaTeX. */
export interface MathBlock {
  type: 'math';
  /** Where the block is in the outline file it was read from; absent on a generated outline. */
  position?: Position;
  value: string;
}

/** A quote: its text as Markdown inline syntax and who said it, when known. */
export interface QuoteBlock {
  type: 'quote';
  /** Where the block is in the outline file it was read from; absent on a generated outline. */
  position?: Position;
  text: string;
  cite?: string;
}

/** Content of a slide besides its bullets: plain data, the same in the outline file, the deck, the PDF and PowerPoint. */
export type SlideBlock = TableBlock | FigureBlock | CodeBlock | MathBlock | QuoteBlock;

/**
 * A bullet. Its text is Markdown inline syntax: `**strong**`, `*emphasis*`,
 * `` `code` ``, `[link](url)`, `$math$`; other punctuation that would read as
 * syntax is backslash-escaped (`\*`, `\$`).
 */
export interface Bullet {
  text: string;
  /** `line:column` of the article sentence this bullet was drawn from; absent for a bullet a person wrote. */
  source?: string;
  /** Where the bullet is in the outline file it was read from (the marker to the end of its text); absent on a generated outline. */
  position?: Position;
}

export interface Slide {
  kind: SlideKind;
  title: string;
  bullets: Bullet[];
  /** Paragraphs shown on the slide below the title (subtitle and byline on a title slide, the source on a closing slide), Markdown inline syntax. */
  body?: string[];
  /** Tables, figures, formulas, code and quotes shown on the slide, in order; absent when none. */
  blocks?: SlideBlock[];
  /** Speaker notes: Markdown inline syntax like bullets, paragraphs separated by blank lines. */
  notes: string;
  /** The article section a slide continues, shown as a small label above its title (absent on a section's first slide). */
  section?: string;
  /** A hidden slide stays in the outline but is left out of the deck. */
  hidden?: boolean;
  /**
   * Where the slide is in the outline file it was read from: its heading line to the end of its
   * last line that is not blank; absent on a generated outline. "(cont.)" slides keep their slide's.
   */
  position?: Position;
}

/** The editable outline of a deck: what the outline file holds and what the deck is rendered from. */
export interface Outline {
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  source?: string;
  slides: Slide[];
}

export type ArticleFormat = 'md' | 'txt' | 'html';
