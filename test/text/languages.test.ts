import { describe, expect, it } from 'vitest';
import { compressAtClauses, compressClaim } from '../../src/claims/compress.ts';
import { label, labelsFor } from '../../src/text/labels.ts';
import { detectLanguage, isRightToLeft, primaryLanguage } from '../../src/text/language.ts';
import { splitSentences } from '../../src/text/sentences.ts';

// Issue 17, "Other languages": each failure the probe reported, as a case that failed before.
describe('sentences in other languages', () => {
  it('splits Chinese at 。！？ and keeps a closing quote with its sentence', () => {
    expect(splitSentences('国务院周三公布了新的能源政策。专家认为“这些措施远远不够。”他说！真的吗？是的', 'zh')).toEqual([
      '国务院周三公布了新的能源政策。',
      '专家认为“这些措施远远不够。”',
      '他说！',
      '真的吗？',
      '是的',
    ]);
  });
  it('does not end a German sentence after an ordinal or "z. B.", "d. h.", "u. a.", "Mio."', () => {
    expect(splitSentences('Die Sitzung findet am 3. Mai statt. Es gibt z. B. Äpfel, Birnen usw. Danach kam der 2. Weltkrieg. Das kostet ca. 5 Mio. Euro. Dr. Müller kam, d. h. er war da.', 'de')).toEqual([
      'Die Sitzung findet am 3. Mai statt.',
      'Es gibt z. B. Äpfel, Birnen usw.',
      'Danach kam der 2. Weltkrieg.',
      'Das kostet ca. 5 Mio. Euro.',
      'Dr. Müller kam, d. h. er war da.',
    ]);
  });
  it('still ends a German sentence after a plain number', () => {
    expect(splitSentences('Die Zahl stieg auf 3. Dann fiel sie.', 'de')).toEqual(['Die Zahl stieg auf 3.', 'Dann fiel sie.']);
  });
  it('knows French, Spanish, Italian and Portuguese abbreviations', () => {
    expect(splitSentences('M. Dupont est arrivé. Il a dit p. ex. que c’était faux. Mme Durand a répondu.', 'fr')).toEqual(['M. Dupont est arrivé.', 'Il a dit p. ex. que c’était faux.', 'Mme Durand a répondu.']);
    expect(splitSentences('El Sr. García llegó a EE. UU. el martes. La Dra. López habló.', 'es')).toEqual(['El Sr. García llegó a EE. UU. el martes.', 'La Dra. López habló.']);
    expect(splitSentences('Il Sig. Rossi e il Dott. Bianchi sono arrivati. Poi è piovuto.', 'it')).toEqual(['Il Sig. Rossi e il Dott. Bianchi sono arrivati.', 'Poi è piovuto.']);
    expect(splitSentences('O Sr. Silva e a Dra. Costa falaram. Depois choveu.', 'pt')).toEqual(['O Sr. Silva e a Dra. Costa falaram.', 'Depois choveu.']);
  });
  it('splits Arabic at its full stop and question mark, whatever vowel sign ends the word', () => {
    expect(splitSentences('لا تتجاوز حصة الفرد نحو ستين مترًا مكعبًا سنويًا. ويقول خبراء إن هذا الرقم قليل. هل هو كافٍ؟ لا.', 'ar')).toEqual([
      'لا تتجاوز حصة الفرد نحو ستين مترًا مكعبًا سنويًا.',
      'ويقول خبراء إن هذا الرقم قليل.',
      'هل هو كافٍ؟',
      'لا.',
    ]);
  });
  it('leaves English to its own rules', () => {
    const text = 'He was ranked No. 1 in the world. Then he fell. They flew to the U.S. The next day they rested.';
    expect(splitSentences(text, 'en-GB')).toEqual(splitSentences(text));
  });
});

describe('language detection', () => {
  it('tells German, Chinese, Arabic, French and Japanese from English', () => {
    expect(detectLanguage('Die Bundesregierung hat am Mittwoch neue Maßnahmen zur Stärkung der Energieversorgung beschlossen. Kritiker halten sie für unzureichend.')).toBe('de');
    expect(detectLanguage('国务院周三公布了新的能源政策。专家认为这些措施远远不够，需要更多的投资和更快的审批。')).toBe('zh');
    expect(detectLanguage('أعلنت الحكومة يوم الأربعاء عن إجراءات جديدة لتعزيز إمدادات الطاقة. ويرى المنتقدون أنها غير كافية.')).toBe('ar');
    expect(detectLanguage('Le gouvernement a annoncé mercredi de nouvelles mesures pour renforcer l’approvisionnement énergétique du pays.')).toBe('fr');
    expect(detectLanguage('政府は水曜日、エネルギー供給を強化するための新たな措置を発表した。専門家は不十分だと述べた。')).toBe('ja');
  });
  it('gives English, and text too short to tell, no language', () => {
    expect(detectLanguage('The government announced new measures on Wednesday to strengthen the energy supply. Critics say they fall short.')).toBeUndefined();
    expect(detectLanguage('Hallo Welt')).toBeUndefined();
  });
  it('knows which languages run right to left', () => {
    expect(['ar', 'ar-EG', 'he', 'fa', 'ur'].map(isRightToLeft)).toEqual([true, true, true, true, true]);
    expect(['en', 'de', 'zh', 'az-Arab'].map(isRightToLeft)).toEqual([false, false, false, true]);
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
  });
});

describe('labels', () => {
  it('has every label translated for de, fr, es, it, pt, zh, ja, ar', () => {
    const english = labelsFor('en');
    for (const lang of ['de', 'fr', 'es', 'it', 'pt', 'zh', 'ja', 'ar']) {
      const labels = labelsFor(lang);
      expect(Object.keys(labels).sort()).toEqual(Object.keys(english).sort());
      expect(labels.keyPoints).not.toBe(english.keyPoints);
      expect(labels.bottomLine).not.toBe(english.bottomLine);
    }
  });
  it('looks labels up by the primary subtag, English for others', () => {
    expect(label('de-CH', 'keyPoints')).toBe('Kernpunkte');
    expect(label('sw', 'keyPoints')).toBe('Key points');
    expect(label(undefined, 'agendaPart', 2, 3)).toBe('Agenda, 2 of 3');
    expect(label('zh', 'part', '背景', 2)).toBe('背景（第二部分）');
  });
});

describe('compression without a tagger', () => {
  it('never adds a period after 。 (the bullet is the article’s own text)', () => {
    const sentence = '四川省是中国最大的水电基地，水电约占全省发电量的八成。';
    const bullet = compressClaim(sentence, 20, undefined, 20, undefined, 'zh');
    expect(bullet.text).toBe(sentence);
    expect(bullet.text.endsWith('。.')).toBe(false);
  });
  it('shortens only at clause punctuation, keeping an opening clause of the sentence', () => {
    const sentence = '今年七月以来，长江上游来水比常年同期偏少四成以上，多座大型水电站的出力明显下降，当地对部分高耗能企业实行了错峰生产。';
    const bullet = compressAtClauses(sentence, 26, 26, 'zh');
    expect(bullet.quality).toBe(0.7);
    expect(sentence.startsWith(bullet.text)).toBe(true);
    expect(sentence[bullet.text.length]).toBe('，');
  });
  it('keeps a long German sentence whole rather than cut by English rules', () => {
    const sentence = 'Die Regierung will den Gemeinden künftig eine Abgabe von 2.000 Euro pro Kilometer zahlen, durch die eine Leitung führt.';
    expect(compressClaim(sentence, 20, undefined, 20, undefined, 'de').text).toBe(sentence);
    const short = compressClaim(sentence, 15, undefined, 15, undefined, 'de');
    expect(short.text).toBe('Die Regierung will den Gemeinden künftig eine Abgabe von 2.000 Euro pro Kilometer zahlen');
  });
});
