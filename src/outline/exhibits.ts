/**
 * The outline's share of an article's exhibits and footnotes: bullet and note
 * text as Markdown inline syntax (the sentence's own emphasis, links, code and
 * math kept), a slide for each table, figure, formula, code block and quote
 * (kind `exhibit` or `quote`, planned apart from the claim slides), and each
 * footnote in the notes of the slide that cites it.
 */
import { escapeInline } from '../text/inline-markdown.ts';
import { label } from '../text/labels.ts';
import type { Article, Exhibit, Footnote, Section, Sentence, Slide } from '../types.ts';

/**
 * Text drawn from a sentence as Markdown inline text: escaped, with each
 * formatted stretch of the sentence that the text still holds written with its
 * formatting (`**10%**`, `[the report](url)`, `$x^2$`).
 */
export function markdownFromSentence(text: string, sentence?: Sentence): string {
  let written = escapeInline(text);
  for (const mark of sentence?.marks ?? []) {
    if (!mark.text) continue;
    const plain = escapeInline(mark.text);
    const at = written.indexOf(plain);
    if (at === -1) continue;
    written = written.slice(0, at) + mark.markdown + written.slice(at + plain.length);
  }
  return written;
}

/** The slide title of an exhibit: its caption, else the section heading with what it shows. */
function exhibitTitle(exhibit: Exhibit, section: Section, lang: string | undefined): string {
  if (exhibit.caption) return exhibit.caption;
  const what = label(lang, ({ table: 'table', figure: 'figure', math: 'formula', code: 'code', quote: 'quote' } as const)[exhibit.block.type]);
  if (exhibit.block.type === 'figure' && exhibit.block.alt && !isFileName(exhibit.block.alt)) return exhibit.block.alt;
  if (exhibit.block.type === 'quote' && exhibit.block.cite) return label(lang, 'inTheWordsOf', exhibit.block.cite.split(',')[0]!.trim());
  // "Wrap Up:" -> "Wrap Up (quote)": the heading's own trailing colon or dash does not stay before the kind.
  return label(lang, 'exhibitOf', section.heading.replace(/[\s:;,–—-]+$/u, ''), what);
}

/** An image's alt text that a CMS filled with the file's name ("Campfire_narrow", "IMG_0042.jpg"): no title. */
function isFileName(alt: string): boolean {
  return /\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$/i.test(alt) || (!/\s/.test(alt) && /[_\d]/.test(alt));
}

/** The slides of a section's exhibits, in reading order. */
export function exhibitSlides(section: Section, lang?: string): Slide[] {
  return (section.exhibits ?? []).map((exhibit) => {
    const title = exhibitTitle(exhibit, section, lang);
    const block = exhibit.block.type === 'figure' && exhibit.caption && !exhibit.block.caption ? { ...exhibit.block, caption: exhibit.caption } : exhibit.block;
    const slide: Slide = { kind: block.type === 'quote' ? 'quote' : 'exhibit', title, bullets: [], blocks: [block], notes: '' };
    if (block.type === 'figure' && block.caption === title) slide.blocks = [{ ...block, caption: undefined } as typeof block].map(({ caption, ...rest }) => rest);
    return slide;
  });
}

/** The notes line of a footnote in the deck's language: `Footnote 1: text`, `Fußnote 1: text`. */
export function footnoteNote(footnote: Footnote, lang: string | undefined): string {
  return label(lang, 'footnote', escapeInline(footnote.label), footnote.text);
}

/**
 * Put each footnote into the notes of the slide whose bullets cite it (by
 * the sentences behind them), else of the last slide of the section citing it,
 * else of the last content slide. `slideSentences` gives, per slide, the sentences its bullets come from.
 */
export function placeFootnotes(article: Article, slides: Slide[], slideSentences: Map<Slide, Sentence[]>, sectionSlides: Map<Section, Slide[]>): void {
  const footnotes = new Map((article.footnotes ?? []).map((footnote) => [footnote.label, footnote]));
  if (footnotes.size === 0 || slides.length === 0) return;
  const placed = new Set<string>();
  const add = (slide: Slide, label: string) => {
    const footnote = footnotes.get(label);
    if (!footnote || placed.has(label)) return;
    placed.add(label);
    slide.notes = [slide.notes, footnoteNote(footnote, article.lang)].filter(Boolean).join('\n\n');
  };
  for (const slide of slides) for (const sentence of slideSentences.get(slide) ?? []) for (const label of sentence.footnotes ?? []) add(slide, label);
  for (const section of article.sections) {
    const own = sectionSlides.get(section) ?? [];
    const target = own.at(-1);
    if (!target) continue;
    for (const paragraph of section.paragraphs) for (const sentence of paragraph.sentences) for (const label of sentence.footnotes ?? []) add(target, label);
  }
  const fallback = [...slides].reverse().find((slide) => slide.kind === 'content' || slide.kind === 'exhibit') ?? slides.at(-1)!;
  for (const label of footnotes.keys()) add(fallback, label);
}
