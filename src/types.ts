/**
 * The data that flows between briefdeck's stages:
 * article text -> mdast -> {@link Article} -> {@link Outline} -> hast -> HTML.
 * Everything here is plain, JSON-serializable data.
 */

/** A 1-based line and column in the article (or outline) file, with the 0-based offset. */
export interface SourcePoint {
  line: number;
  column: number;
  offset: number;
}

/** One sentence of a paragraph, with where it starts in the source file. */
export interface Sentence {
  text: string;
  start: SourcePoint;
  /** Index of the sentence within its section, in reading order. */
  index: number;
  /** Index of the paragraph within its section. */
  paragraph: number;
}

/** A paragraph of running text (list items and block quotes count as paragraphs too). */
export interface Paragraph {
  text: string;
  start: SourcePoint;
  sentences: Sentence[];
}

/** A heading and the text that follows it up to the next heading of the same or higher rank. */
export interface Section {
  heading: string;
  /** True when the article had no heading here and briefdeck named the section. */
  headingGenerated: boolean;
  start: SourcePoint;
  paragraphs: Paragraph[];
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
}

export type SlideKind = 'title' | 'key-points' | 'agenda' | 'content' | 'closing';

export interface Bullet {
  text: string;
  /** `line:column` of the article sentence this bullet was drawn from; absent for a bullet a person wrote. */
  source?: string;
}

export interface Slide {
  kind: SlideKind;
  title: string;
  bullets: Bullet[];
  /** Paragraphs shown on the slide below the title (subtitle and byline on a title slide, the source on a closing slide). */
  body?: string[];
  /** Speaker notes: plain text, paragraphs separated by blank lines. */
  notes: string;
  /** The article section a slide continues, shown as a small label above its title (absent on a section's first slide). */
  section?: string;
  /** A hidden slide stays in the outline but is left out of the deck. */
  hidden?: boolean;
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
