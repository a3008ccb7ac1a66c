/**
 * The deck's own words: every label briefdeck prints itself (slide titles it makes, the source
 * line, "(cont.)", the notes' headings, the handout's page labels), in the deck's language. One
 * table, looked up by the language's primary subtag (`de-CH` reads `de`); a language not in it
 * gets English. `{0}`, `{1}` are filled in by {@link label}.
 */
import { primaryLanguage } from './language.ts';

/** What each label says, in English. */
const ENGLISH = {
  keyPoints: 'Key points',
  agenda: 'Agenda',
  /** An agenda over several slides: "Agenda, 2 of 3". */
  agendaPart: 'Agenda, {0} of {1}',
  bottomLine: 'Bottom line',
  /** The closing slide's source line. */
  source: 'Source: {0}',
  /** The name of an untitled opening: the whole article, or its first part. */
  summary: 'Summary',
  background: 'Background',
  /** A generated heading or title: "Background: China and Russia" (the list by `Intl.ListFormat`). */
  about: '{0}: {1}',
  /** A slide split to fit. */
  continued: '{0} (cont.)',
  /** The last resort for a slide title: its section's heading, numbered. */
  part: '{0}, part {1}',
  /** A quote slide's title. */
  inTheWordsOf: 'In the words of {0}',
  /** Speaker notes. */
  noSlideForTime: '{0} (no slide for time):',
  /** The handout's page labels. */
  slideOf: 'Slide {0} of {1}',
  slideTitled: 'Slide {0}: {1}',
  /** The title of a notes page in the PDF with notes: "Notes: Key points". */
  notesOf: 'Notes: {0}',
  noNotes: 'No notes for this slide.',
  /** An exhibit without a caption: its section's heading and what it shows, "Costs (table)". */
  exhibitOf: '{0} ({1})',
  /** What an exhibit shows. */
  table: 'table',
  figure: 'figure',
  formula: 'formula',
  code: 'code',
  quote: 'quote',
  /** A table split to fit, its part's title: "Costs (rows 11–20 of 40)". */
  rowsOf: '{0} (rows {1}–{2} of {3})',
  /** A code block split to fit: "Script (lines 1–40 of 120)". */
  linesOf: '{0} (lines {1}–{2} of {3})',
  /** A footnote in the speaker notes: "Footnote 1: text". */
  footnote: 'Footnote {0}: {1}',
  /** A figure whose image is missing, in the PowerPoint deck: its alt text or path. */
  imageMissing: '[Image: {0}]',
  /** The tooltip of a formula KaTeX cannot typeset. */
  formulaNotTypeset: 'This formula could not be typeset',
};

export type LabelName = keyof typeof ENGLISH;
export type Labels = Readonly<Record<LabelName, string>>;

/** The labels of each language with a translation (ISO 639-1 primary subtags). */
const LABELS: Readonly<Record<string, Labels>> = {
  en: ENGLISH,
  de: {
    exhibitOf: '{0} ({1})',
    keyPoints: 'Kernpunkte',
    agenda: 'Agenda',
    agendaPart: 'Agenda, {0} von {1}',
    bottomLine: 'Fazit',
    source: 'Quelle: {0}',
    summary: 'Zusammenfassung',
    background: 'Hintergrund',
    about: '{0}: {1}',
    continued: '{0} (Forts.)',
    part: '{0}, Teil {1}',
    inTheWordsOf: 'In den Worten von {0}',
    noSlideForTime: '{0} (aus Zeitgründen ohne Folie):',
    slideOf: 'Folie {0} von {1}',
    slideTitled: 'Folie {0}: {1}',
    noNotes: 'Keine Notizen zu dieser Folie.',
    table: 'Tabelle',
    figure: 'Abbildung',
    formula: 'Formel',
    code: 'Code',
    quote: 'Zitat',
    rowsOf: '{0} (Zeilen {1}–{2} von {3})',
    linesOf: '{0} (Zeilen {1}–{2} von {3})',
    footnote: 'Fußnote {0}: {1}',
    imageMissing: '[Bild: {0}]',
    formulaNotTypeset: 'Diese Formel konnte nicht gesetzt werden',
    notesOf: 'Notizen: {0}',
  },
  fr: {
    exhibitOf: '{0} ({1})',
    keyPoints: 'Points clés',
    agenda: 'Sommaire',
    agendaPart: 'Sommaire, {0} sur {1}',
    bottomLine: 'En bref',
    source: 'Source : {0}',
    summary: 'Résumé',
    background: 'Contexte',
    about: '{0} : {1}',
    continued: '{0} (suite)',
    part: '{0}, partie {1}',
    inTheWordsOf: 'Selon {0}',
    noSlideForTime: '{0} (sans diapositive faute de temps) :',
    slideOf: 'Diapositive {0} sur {1}',
    slideTitled: 'Diapositive {0} : {1}',
    noNotes: 'Pas de notes pour cette diapositive.',
    table: 'tableau',
    figure: 'figure',
    formula: 'formule',
    code: 'code',
    quote: 'citation',
    rowsOf: '{0} (lignes {1}–{2} sur {3})',
    linesOf: '{0} (lignes {1}–{2} sur {3})',
    footnote: 'Note {0} : {1}',
    imageMissing: '[Image : {0}]',
    formulaNotTypeset: 'Cette formule n’a pas pu être composée',
    notesOf: 'Notes : {0}',
  },
  es: {
    exhibitOf: '{0} ({1})',
    keyPoints: 'Puntos clave',
    agenda: 'Índice',
    agendaPart: 'Índice, {0} de {1}',
    bottomLine: 'Conclusión',
    source: 'Fuente: {0}',
    summary: 'Resumen',
    background: 'Contexto',
    about: '{0}: {1}',
    continued: '{0} (cont.)',
    part: '{0}, parte {1}',
    inTheWordsOf: 'En palabras de {0}',
    noSlideForTime: '{0} (sin diapositiva por tiempo):',
    slideOf: 'Diapositiva {0} de {1}',
    slideTitled: 'Diapositiva {0}: {1}',
    noNotes: 'Sin notas para esta diapositiva.',
    table: 'tabla',
    figure: 'figura',
    formula: 'fórmula',
    code: 'código',
    quote: 'cita',
    rowsOf: '{0} (filas {1}–{2} de {3})',
    linesOf: '{0} (líneas {1}–{2} de {3})',
    footnote: 'Nota {0}: {1}',
    imageMissing: '[Imagen: {0}]',
    formulaNotTypeset: 'No se pudo componer esta fórmula',
    notesOf: 'Notas: {0}',
  },
  it: {
    exhibitOf: '{0} ({1})',
    keyPoints: 'Punti chiave',
    agenda: 'Sommario',
    agendaPart: 'Sommario, {0} di {1}',
    bottomLine: 'In sintesi',
    source: 'Fonte: {0}',
    summary: 'Riepilogo',
    background: 'Contesto',
    about: '{0}: {1}',
    continued: '{0} (segue)',
    part: '{0}, parte {1}',
    inTheWordsOf: 'Nelle parole di {0}',
    noSlideForTime: '{0} (senza diapositiva per motivi di tempo):',
    slideOf: 'Diapositiva {0} di {1}',
    slideTitled: 'Diapositiva {0}: {1}',
    noNotes: 'Nessuna nota per questa diapositiva.',
    table: 'tabella',
    figure: 'figura',
    formula: 'formula',
    code: 'codice',
    quote: 'citazione',
    rowsOf: '{0} (righe {1}–{2} di {3})',
    linesOf: '{0} (righe {1}–{2} di {3})',
    footnote: 'Nota {0}: {1}',
    imageMissing: '[Immagine: {0}]',
    formulaNotTypeset: 'Impossibile comporre questa formula',
    notesOf: 'Note: {0}',
  },
  pt: {
    exhibitOf: '{0} ({1})',
    keyPoints: 'Pontos-chave',
    agenda: 'Sumário',
    agendaPart: 'Sumário, {0} de {1}',
    bottomLine: 'Conclusão',
    source: 'Fonte: {0}',
    summary: 'Resumo',
    background: 'Contexto',
    about: '{0}: {1}',
    continued: '{0} (cont.)',
    part: '{0}, parte {1}',
    inTheWordsOf: 'Nas palavras de {0}',
    noSlideForTime: '{0} (sem diapositivo por falta de tempo):',
    slideOf: 'Diapositivo {0} de {1}',
    slideTitled: 'Diapositivo {0}: {1}',
    noNotes: 'Sem notas para este diapositivo.',
    table: 'tabela',
    figure: 'figura',
    formula: 'fórmula',
    code: 'código',
    quote: 'citação',
    rowsOf: '{0} (linhas {1}–{2} de {3})',
    linesOf: '{0} (linhas {1}–{2} de {3})',
    footnote: 'Nota {0}: {1}',
    imageMissing: '[Imagem: {0}]',
    formulaNotTypeset: 'Não foi possível compor esta fórmula',
    notesOf: 'Notas: {0}',
  },
  zh: {
    exhibitOf: '{0}（{1}）',
    keyPoints: '要点',
    agenda: '议程',
    agendaPart: '议程（{0}/{1}）',
    bottomLine: '结论',
    source: '来源：{0}',
    summary: '概要',
    background: '背景',
    about: '{0}：{1}',
    continued: '{0}（续）',
    part: '{0}（第{1}部分）',
    inTheWordsOf: '{0}如是说',
    noSlideForTime: '{0}（因时间所限无幻灯片）：',
    slideOf: '第 {0} 张，共 {1} 张',
    slideTitled: '第 {0} 张：{1}',
    noNotes: '本张幻灯片没有备注。',
    table: '表格',
    figure: '图',
    formula: '公式',
    code: '代码',
    quote: '引文',
    rowsOf: '{0}（第{1}–{2}行，共{3}行）',
    linesOf: '{0}（第{1}–{2}行，共{3}行）',
    footnote: '脚注{0}：{1}',
    imageMissing: '[图片：{0}]',
    formulaNotTypeset: '无法排版此公式',
    notesOf: '备注：{0}',
  },
  ja: {
    exhibitOf: '{0}（{1}）',
    keyPoints: '要点',
    agenda: 'アジェンダ',
    agendaPart: 'アジェンダ（{0}/{1}）',
    bottomLine: '結論',
    source: '出典：{0}',
    summary: '概要',
    background: '背景',
    about: '{0}：{1}',
    continued: '{0}（続き）',
    part: '{0}（その{1}）',
    inTheWordsOf: '{0}の言葉',
    noSlideForTime: '{0}（時間の都合でスライドなし）：',
    slideOf: 'スライド {0} / {1}',
    slideTitled: 'スライド {0}：{1}',
    noNotes: 'このスライドにはノートがありません。',
    table: '表',
    figure: '図',
    formula: '数式',
    code: 'コード',
    quote: '引用',
    rowsOf: '{0}（{1}–{2}行目／全{3}行）',
    linesOf: '{0}（{1}–{2}行目／全{3}行）',
    footnote: '脚注{0}：{1}',
    imageMissing: '[画像：{0}]',
    formulaNotTypeset: 'この数式は組版できませんでした',
    notesOf: 'ノート：{0}',
  },
  ar: {
    exhibitOf: '{0} ({1})',
    keyPoints: 'النقاط الرئيسية',
    agenda: 'جدول الأعمال',
    agendaPart: 'جدول الأعمال، {0} من {1}',
    bottomLine: 'الخلاصة',
    source: 'المصدر: {0}',
    summary: 'ملخص',
    background: 'خلفية',
    about: '{0}: {1}',
    continued: '{0} (تابع)',
    part: '{0}، الجزء {1}',
    inTheWordsOf: 'على لسان {0}',
    noSlideForTime: '{0} (بلا شريحة لضيق الوقت):',
    slideOf: 'الشريحة {0} من {1}',
    slideTitled: 'الشريحة {0}: {1}',
    noNotes: 'لا ملاحظات لهذه الشريحة.',
    table: 'جدول',
    figure: 'شكل',
    formula: 'صيغة',
    code: 'شيفرة',
    quote: 'اقتباس',
    rowsOf: '{0} (الصفوف {1}–{2} من {3})',
    linesOf: '{0} (الأسطر {1}–{2} من {3})',
    footnote: 'حاشية {0}: {1}',
    imageMissing: '[صورة: {0}]',
    formulaNotTypeset: 'تعذّر تنضيد هذه الصيغة',
    notesOf: 'ملاحظات: {0}',
  },
};

/** The labels of a deck in `lang` (its primary subtag's; English for a language not in the table, or none). */
export function labelsFor(lang: string | undefined): Labels {
  return LABELS[primaryLanguage(lang)] ?? ENGLISH;
}

/** The languages whose labels are translated. */
export const LABEL_LANGUAGES: readonly string[] = Object.keys(LABELS);

/**
 * The digits a language's labels write their numbers in, where its articles often do too: a
 * Chinese deck's "第二部分", an Arabic deck's "الجزء ٢" (a digit the article lacks would read as a
 * number the fidelity check cannot find).
 */
const NUMBERING: Readonly<Record<string, string>> = { zh: 'hanidec', ja: 'hanidec', ar: 'arab' };

/** A label in `lang` with its `{0}`, `{1}` filled in (numbers in the language's own digits, see {@link NUMBERING}). */
export function label(lang: string | undefined, name: LabelName, ...values: Array<string | number>): string {
  const numbering = NUMBERING[primaryLanguage(lang)];
  const format = (value: string | number | undefined) =>
    typeof value === 'number' && numbering ? new Intl.NumberFormat('en', { numberingSystem: numbering, useGrouping: false }).format(value) : String(value ?? '');
  return labelsFor(lang)[name].replace(/\{(\d)\}/g, (_, at: string) => format(values[Number(at)]));
}

/** Names joined as the language joins a pair or a list ("China and Russia", "China und Russland", "中国和俄罗斯"). */
export function joinNames(lang: string | undefined, names: string[]): string {
  try {
    return new Intl.ListFormat(lang ?? 'en', { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);
  }
}
