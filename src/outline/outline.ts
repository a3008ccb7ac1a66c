/**
 * Outline: {@link Article} -> {@link Outline}: a title slide, the key points
 * (bottom line up front), an agenda, content slides per section and a closing
 * slide naming the source.
 */
import { indexArticle, sectionClaims, type ArticleIndex, type Claim } from '../claims/claims.ts';
import { BULLET_MAX_WORDS, BULLET_SLACK_WORDS } from '../claims/compress.ts';
import { countWords, hasTagger } from '../text/language.ts';
import type { Tagger } from '../text/nlp.ts';
import type { Article, Outline, Section, Sentence, Slide } from '../types.ts';
import { exhibitSlides, footnoteNote, markdownFromSentence, placeFootnotes } from './exhibits.ts';
import { escapeInline } from '../text/inline-markdown.ts';
import { label } from '../text/labels.ts';
import { isSummaryHeading } from '../article/article.ts';
import { bottomLine, briefingKeyPoints, BULLET_LIMIT_WORDS, BULLET_TARGET_WORDS, headlineBullet, headlineCompression, MAX_BULLETS_PER_SLIDE, sectionSlides, standsAlone } from './briefing.ts';

export { MAX_BULLETS_PER_SLIDE } from './briefing.ts';
/** The most sections the agenda lists on one slide. */
const MAX_AGENDA_ITEMS = 7;

/** Speaking pace the deck is sized by: minutes a content slide (the key points count as one). */
export const MINUTES_PER_SLIDE = 1.5;
/** Speaking pace of the notes: words a minute, so a slide's notes hold about 195 spoken words. */
export const SPOKEN_WORDS_PER_MINUTE = 130;

export interface OutlineOptions {
  /** How many key points to put up front; by default 3 to 5, by article length. */
  keyPoints?: number;
  /**
   * Length of the talk in minutes. The deck gets `floor(minutes / 1.5) - 1` content
   * slides (the key points take one slot): when the article needs more, the weaker
   * claims leave the slides for the notes, and sections with no room are named and
   * quoted in the notes of the slide before them, so nothing is lost. Default: no
   * limit, every section is covered.
   */
  minutes?: number;
  /** What the closing slide names as the source when the article does not say (usually the file name). */
  sourceName?: string;
  /**
   * The tagger compression uses, or a function giving it for an article of so many sentences
   * (the edge loads the quickest model for the size). By default the package's model.
   */
  tagger?: Tagger | ((sentenceCount: number) => Tagger);
}

/** Key points for an article of this many sentences: 3 for a short piece, up to 5 for a long report. */
export function defaultKeyPointCount(sentenceCount: number): number {
  if (sentenceCount < 20) return 3;
  if (sentenceCount < 60) return 4;
  return 5;
}

function notesOf(claims: Claim[]): string {
  return claims.map((claim) => claim.sentence.text).join('\n\n');
}

/** Every sentence of a section, a notes paragraph each. */
function notesOfSection(section: Section): string {
  return section.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.text)).join('\n\n');
}

/** The notes naming a section that has no slide of its own and quoting its text. */
function notesOfDroppedSection(section: Section, lang: string | undefined): string {
  return [label(lang, 'noSlideForTime', section.heading), notesOfSection(section)].filter(Boolean).join('\n\n');
}

/** A section's place in the deck: the claims on its slides and the claims cut to its notes. */
export interface SectionPlan {
  section: Section;
  sectionIndex: number;
  /** Claims on the section's slides, in the article's order; none when the section has no slide. */
  slideClaims: Claim[];
  /** Claims cut for time, in the article's order: their sentences stay in the notes, in their place in the section's text. */
  cut: Claim[];
}

/** The most bullets a section gets, by its length: about 2.8 x the square root of its sentences (6 for 4, 11 for 16, 14 for 25 or more). */
export function sectionBulletBudget(sentenceCount: number): number {
  return Math.max(1, Math.min(sentenceCount, 14, Math.round(2.8 * Math.sqrt(sentenceCount))));
}

/** Claims a section is offered beyond its budget, for claims without a headline-length bullet to give way to. */
const HEADLINE_SPARE = 4;
/** Claims with a headline-length bullet a section needs before those without leave its slides. */
const MIN_FITTING_CLAIMS = 3;
/** What a claim without a clean headline-length bullet loses in the ranking of its section's claims. */
const NO_HEADLINE_PENALTY = 1;
/**
 * What a claim whose bullet still points back after resolution ("The Islamic State challenges these
 * notions", "This vacuum ...") loses in the same ranking: it gives way to the section's next claim
 * when the section has one to spare, and stays (its sentence in the notes) when it has not.
 */
const POINTS_BACK_PENALTY = 0.5;

/**
 * What a claim loses in the same ranking for each word its headline runs over the target: of two claims of
 * about the same strength, the one that makes a headline of about ten words goes up (dev set: content bullets
 * 11.1 -> 11.0 words on average). A headline made short by a phrase cut counts as one of the limit's length.
 */
const LENGTH_PENALTY = 0.1;
/** At most this much: less than {@link POINTS_BACK_PENALTY}, so a bullet that points back never wins by being short. */
const MAX_LENGTH_PENALTY = 0.4;

/** Words of a claim's bullet on a content slide. */
function headlineWords(claim: Claim, index: ArticleIndex): number {
  // A language without a tagger is cut only at its clause punctuation, with nothing to tell a clause from an opening
  // phrase ("Beim Projekt Südlink, das ... verbinden soll"): there a shorter bullet is no better one.
  const { lang } = index.article;
  if (lang !== undefined && !hasTagger(lang)) return BULLET_TARGET_WORDS;
  const words = countWords(headlineBullet(claim, index), lang);
  // Nor is a bullet made short by cutting a trailing phrase ("It may be that we are in an era."): only clean cuts
  // (whole asides, a trailing clause) earn their shortness.
  return (headlineCompression(claim.sentence.text, index)?.quality ?? 0) >= 0.7 ? words : Math.max(words, BULLET_LIMIT_WORDS);
}

/** Whether a claim's bullet shortens cleanly to headline length ({@link headlineCompression}). */
function headlineFits(claim: Claim, index: ArticleIndex): boolean {
  return (headlineCompression(claim.sentence.text, index)?.words ?? Infinity) <= BULLET_LIMIT_WORDS;
}

/**
 * Each section's claims, as many as it matters to the article's argument: the budget of its
 * length ({@link sectionBulletBudget}) scaled by how strong its best claims are against the other
 * sections' (0.8 for the weakest to 1.1 for the strongest), at least two. A list of what a
 * person would put up, not 85% of an analytic section's sentences.
 */
function sectionsByImportance(article: Article, index: ArticleIndex): Array<{ section: Section; sectionIndex: number; claims: Claim[] }> {
  const drafts = article.sections.map((section, sectionIndex) => {
    const count = section.paragraphs.reduce((n, paragraph) => n + paragraph.sentences.length, 0);
    const budget = sectionBulletBudget(count);
    // A few claims more than the budget, so a claim that will not shorten to a headline can give way.
    return { section, sectionIndex, budget, claims: count === 0 ? [] : sectionClaims(section, sectionIndex, budget + HEADLINE_SPARE, index) };
  });
  // A section's strength: the mean score of its three best claims.
  const strength = (claims: Claim[]) => {
    const best = claims.map((claim) => claim.score).sort((a, b) => b - a).slice(0, 3);
    return best.length === 0 ? -Infinity : best.reduce((a, b) => a + b, 0) / best.length;
  };
  const strengths = drafts.map((draft) => strength(draft.claims)).filter(Number.isFinite);
  const low = Math.min(...strengths);
  const high = Math.max(...strengths);
  return drafts.map(({ section, sectionIndex, budget, claims }) => {
    const share = high > low ? (strength(claims) - low) / (high - low) : 1;
    const keep = Math.min(claims.length, Math.max(2, Math.round(budget * (0.8 + 0.3 * share))));
    // A claim whose sentence has no clean headline-length cut would be a long bullet: the next claim of the section
    // that has one goes up instead, when there is one.
    // With enough claims that have one, a claim without goes altogether: a headline slide is not the place for it.
    const fits = new Set(claims.filter((claim) => headlineFits(claim, index)));
    // A sentence with no clean cut at all, kept whole over the ordinary bullet's limit ("The second basin shows that
    // money matters: a development bank's willingness ..." at 44 words), is a paragraph, not a bullet: it stays off
    // the slides while the section has another claim to show.
    const bulletSized = claims.filter((claim) => claim.bullet.split(/\s+/).length <= BULLET_MAX_WORDS + BULLET_SLACK_WORDS);
    const pool = fits.size >= MIN_FITTING_CLAIMS ? claims.filter((claim) => fits.has(claim)) : bulletSized.length > 0 ? bulletSized : claims;
    const shown = new Map(
      pool.map((claim) => [claim, claim.score - (fits.has(claim) ? 0 : NO_HEADLINE_PENALTY) - (standsAlone(headlineBullet(claim, index)) ? 0 : POINTS_BACK_PENALTY) - Math.min(MAX_LENGTH_PENALTY, LENGTH_PENALTY * Math.max(0, headlineWords(claim, index) - BULLET_TARGET_WORDS))]),
    );
    const kept = new Set([...pool].sort((a, b) => shown.get(b)! - shown.get(a)!).slice(0, Math.min(keep, budget)));
    return { section, sectionIndex, claims: claims.filter((claim) => kept.has(claim)) };
  });
}

/**
 * Which claims of each section go on slides. Without `minutes`, every section's
 * claims (by {@link sectionsByImportance}). With it, the content slides available are
 * shared out: the sections whose best claim is strongest keep a slide, then
 * extra slides go where the most claims wait; each section keeps its strongest
 * claims and the rest are cut to the notes. `index` is the article's, when the caller has made it.
 */
export function planContentSlides(article: Article, minutes?: number, index: ArticleIndex = indexArticle(article)): SectionPlan[] {
  if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) {
    throw new TypeError(`Expected minutes to be a positive number, not ${String(minutes)}`);
  }
  const all = sectionsByImportance(article, index);
  let result: SectionPlan[];
  if (minutes === undefined) {
    result = all.map(({ section, sectionIndex, claims }) => ({ section, sectionIndex, slideClaims: claims, cut: [] }));
  } else {
    const budget = Math.max(1, Math.floor(minutes / MINUTES_PER_SLIDE) - 1);
    const best = (claims: Claim[]) => Math.max(-Infinity, ...claims.map((claim) => claim.score));
    const ranked = all.filter((entry) => entry.claims.length > 0).sort((a, b) => best(b.claims) - best(a.claims));
    const slideCount = new Map<number, number>();
    for (const entry of ranked.slice(0, budget)) slideCount.set(entry.sectionIndex, 1);
    let left = budget - slideCount.size;
    while (left > 0) {
      // The next slide goes to the kept section with the most claims per slide still waiting.
      let target: number | undefined;
      let most = MAX_BULLETS_PER_SLIDE;
      for (const [index, count] of slideCount) {
        const perSlide = all[index]!.claims.length / count;
        if (perSlide > most) {
          most = perSlide;
          target = index;
        }
      }
      if (target === undefined) break;
      slideCount.set(target, slideCount.get(target)! + 1);
      left -= 1;
    }
    result = all.map(({ section, sectionIndex, claims }) => {
      const room = (slideCount.get(sectionIndex) ?? 0) * MAX_BULLETS_PER_SLIDE;
      const kept = new Set([...claims].sort((a, b) => b.score - a.score).slice(0, room));
      return {
        section,
        sectionIndex,
        slideClaims: claims.filter((claim) => kept.has(claim)),
        cut: claims.filter((claim) => !kept.has(claim)),
      };
    });
  }
  return result;
}

/** Split a list into chunks of at most `size`, as even as possible (7 -> 4 + 3, not 5 + 2). */
export function evenChunks<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.ceil(items.length / size);
  const base = Math.floor(items.length / count);
  const extra = items.length % count;
  const chunks: T[][] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    const length = base + (i < extra ? 1 : 0);
    chunks.push(items.slice(at, at + length));
    at += length;
  }
  return chunks;
}

/**
 * The closing slide's source line: the article's title, author, date and URL when it has them,
 * never a bare file name.
 */
export function sourceLine(article: Article): string {
  const title = [article.title, article.subtitle].filter(Boolean).join(': ');
  const url = article.source && /^https?:\/\//i.test(article.source) ? article.source : '';
  const parts = [title ? `“${title}”` : '', article.author ?? '', article.date ?? '', url].filter(Boolean);
  return parts.length > 0 ? label(article.lang, 'source', parts.join(', ')) : '';
}

/** The notes of the bottom line: the full sentences behind its bullets. */
function notesOfBullets(bullets: Array<{ source?: string }>, article: Article): string {
  const bySource = new Map<string, string>();
  for (const section of article.sections) {
    for (const paragraph of section.paragraphs) for (const sentence of paragraph.sentences) bySource.set(`${sentence.start.line}:${sentence.start.column}`, sentence.text);
  }
  return bullets.map((bullet) => (bullet.source ? bySource.get(bullet.source) : undefined)).filter(Boolean).join('\n\n');
}

/** Build the outline of a deck from an article. */
export function outlineFromArticle(article: Article, options: OutlineOptions = {}): Outline {
  const sentenceCount = article.sections.reduce(
    (sum, section) => sum + section.paragraphs.reduce((n, paragraph) => n + paragraph.sentences.length, 0),
    0,
  );
  const k = options.keyPoints ?? defaultKeyPointCount(sentenceCount);
  if (!Number.isInteger(k) || k < 1) throw new TypeError(`Expected keyPoints to be a positive integer, not ${String(options.keyPoints)}`);
  const tagger = typeof options.tagger === 'function' ? options.tagger(sentenceCount) : options.tagger;
  // Made once: the key points, the agenda and the content slides score the same sentences.
  const index = indexArticle(article, { tagger });

  const slides: Slide[] = [];
  const byline = [article.author, article.date].filter(Boolean).join(' · ');
  const titleBody = [article.subtitle, byline].filter((line): line is string => Boolean(line));
  // An empty body is left out, as the outline file reads it back.
  slides.push({ kind: 'title', title: article.title, bullets: [], ...(titleBody.length > 0 ? { body: titleBody } : {}), notes: '' });

  const points = briefingKeyPoints(article, k, index);
  slides.push({
    kind: 'key-points',
    title: label(article.lang, 'keyPoints'),
    bullets: points.claims.map((claim, at) => ({ text: points.bullets[at]!, source: `${claim.sentence.start.line}:${claim.sentence.start.column}` })),
    notes: notesOf(points.claims),
  });

  const planned = planContentSlides(article, options.minutes, index);
  // An abstract or executive summary says what the key points say: with a body of two or more sections to
  // present, it gets no slide of its own, and its sentences go to the key points' notes.
  const bodySections = planned.filter((entry) => entry.slideClaims.length > 0 && (entry.section.headingGenerated || !isSummaryHeading(entry.section.heading))).length;
  const isSummary = (section: Section) => bodySections >= 2 && !section.headingGenerated && isSummaryHeading(section.heading) && !section.exhibits?.length;
  const plan = planned.filter((entry) => !isSummary(entry.section));
  const keyPointsSlide = slides.find((slide) => slide.kind === 'key-points')!;
  const onKeyPointsText = new Set(points.claims.map((claim) => claim.sentence.text));
  for (const { section } of planned.filter((entry) => isSummary(entry.section))) {
    const sentences = section.paragraphs.flatMap((paragraph) => paragraph.sentences.map((sentence) => sentence.text)).filter((text) => !onKeyPointsText.has(text));
    if (sentences.length > 0) keyPointsSlide.notes = [keyPointsSlide.notes, `${section.heading}:`, ...sentences].filter(Boolean).join('\n\n');
  }
  const onKeyPoints = new Set(points.claims.map((claim) => claim.sentence));
  const shownSections = plan.filter((entry) => entry.slideClaims.length > 0);
  const taken = new Set<string>();
  const content: Slide[] = [];
  let lastSlide = slides[slides.length - 1]!;
  const slideSentences = new Map<Slide, Sentence[]>();
  const slidesOfSection = new Map<Section, Slide[]>();
  plan.forEach(({ section, slideClaims, cut }) => {
    // Tables, figures, formulas, code and quotes follow the section's claim slides, whatever the time.
    const exhibits = exhibitSlides(section, article.lang);
    const own: Slide[] = [];
    slidesOfSection.set(section, own);
    if (slideClaims.length === 0) {
      // No room for this section: it is quoted in the notes of the slide before; a section of exhibits with no
      // claim keeps its text in the notes of its first exhibit.
      if (cut.length > 0 || exhibits.length === 0) lastSlide.notes = [lastSlide.notes, notesOfDroppedSection(section, article.lang)].filter(Boolean).join('\n\n');
      else exhibits[0]!.notes = [notesOfSection(section), exhibits[0]!.notes].filter(Boolean).join('\n\n');
    } else {
      const bySource = new Map(section.paragraphs.flatMap((paragraph) => paragraph.sentences).map((sentence) => [`${sentence.start.line}:${sentence.start.column}`, sentence]));
      for (const slide of sectionSlides({ section, claims: slideClaims, onKeyPoints, taken, label: article.sections.length > 1, index })) {
        content.push(slide);
        own.push(slide);
        slideSentences.set(slide, slide.bullets.flatMap((bullet) => (bullet.source && bySource.get(bullet.source) ? [bySource.get(bullet.source)!] : [])));
        lastSlide = slide;
      }
    }
    content.push(...exhibits);
    own.push(...exhibits);
    if (exhibits.length > 0) lastSlide = exhibits.at(-1)!;
  });
  // With no content slide (an article of a list and a footnote), the footnotes go to the key points' notes.
  placeFootnotes(article, content.length > 0 ? content : slides, slideSentences, slidesOfSection);

  // An agenda whenever there are two or more sections or four or more content slides: the
  // sections when there are three or more, else the storyline's slide titles (an exhibit's
  // "Wrap Up (quote)" or "rows 1-13 of 40" is not a stop on the way).
  const storyline = content.filter((slide) => slide.kind === 'content');
  const items = shownSections.length >= 3 ? shownSections.map((entry) => entry.section.heading) : storyline.map((slide) => slide.title);
  if ((shownSections.length >= 2 || storyline.length >= 4) && items.length >= 2) {
    const chunks = evenChunks(items, MAX_AGENDA_ITEMS);
    chunks.forEach((chunk, at) => {
      slides.push({ kind: 'agenda', title: at === 0 ? label(article.lang, 'agenda') : label(article.lang, 'agendaPart', at + 1, chunks.length), bullets: chunk.map((text) => ({ text })), notes: '' });
    });
  }
  slides.push(...content);

  const source = article.source ?? options.sourceName;
  const bottom = bottomLine(article, points, plan.flatMap((entry) => entry.slideClaims), index);
  // The back matter (references, acknowledgements) is no claim, but nothing of the article is lost: it closes the notes.
  const backMatter = (article.backMatter ?? []).flatMap((part) => [`${part.heading}:`, ...part.paragraphs]);
  const closingNotes = [notesOfBullets(bottom, article), ...backMatter].filter(Boolean).join('\n\n');
  slides.push({ kind: 'closing', title: label(article.lang, 'bottomLine'), bullets: bottom, body: [sourceLine(article)].filter(Boolean), notes: closingNotes });

  // Bullets and notes as Markdown inline text, each keeping its sentence's emphasis, links, code and math.
  const sentences = new Map(article.sections.flatMap((section) => section.paragraphs.flatMap((paragraph) => paragraph.sentences)).map((sentence) => [sentence.text, sentence]));
  const bySource = new Map([...sentences.values()].map((sentence) => [`${sentence.start.line}:${sentence.start.column}`, sentence]));
  // A footnote's notes line is Markdown already (its label escaped, its text the definition's own).
  const footnoteNotes = new Set((article.footnotes ?? []).map((footnote) => footnoteNote(footnote, article.lang)));
  for (const slide of slides) {
    if (slide.kind === 'exhibit' || slide.kind === 'quote') continue;
    slide.bullets = slide.bullets.map((bullet) => ({ ...bullet, text: markdownFromSentence(bullet.text, bullet.source ? bySource.get(bullet.source) : undefined) }));
    if (slide.body) slide.body = slide.body.map((line) => escapeInline(line));
    slide.notes = slide.notes
      .split('\n\n')
      .map((paragraph) => (footnoteNotes.has(paragraph) ? paragraph : markdownFromSentence(paragraph, sentences.get(paragraph))))
      .join('\n\n');
  }

  const outline: Outline = { title: article.title, slides };
  if (article.subtitle) outline.subtitle = article.subtitle;
  if (article.author) outline.author = article.author;
  if (article.date) outline.date = article.date;
  if (source) outline.source = source;
  return outline;
}
