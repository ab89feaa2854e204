import type { Candidate, Link, Recognizer, RecognizerContext, Token, WordTable } from '../types.js';
import { linkOf, type CompiledGazetteer } from '../gazetteer/compile.js';
import { keyOf } from '../text/normalize.js';
import { procliticReadingsAt, procliticReadingsOf } from '../text/clitics.js';
import { WordFact } from '../text/word-types.js';
import { onlySpacesBetween } from '../text/tokenize.js';
import { FUNCTION_WORDS } from './function-words.js';
import { followsNamedAfterHead, titleAt } from './context.js';
import { PERSON_WORD } from '../gazetteer/token-vocabulary.js';

/**
 * People the gazetteer does not know, found by context (compromise-style rules with ids):
 *  - rule:title-person  a name after a title or role (`المتحدثة باسم الخارجية البريطانية فرح دخل الله`);
 *  - rule:given-name    a known given name followed by surname-like words (`مارك تونر`).
 * The title stays outside the span (gold rule 2).
 */

/** Words between a title and the name that qualify the title (`وزير الخارجية الأمريكي السابق`). */
const TITLE_MODIFIERS: ReadonlySet<string> = new Set(
  `السابق الأسبق الحالي الجديد الراحل المنتخب المنتهية ولايته بالوكالة بالإنابة المكلف المستقيل المقبل
   الأول الأعلى العام الخاص وزارة الخارجية الدفاع الداخلية المالية العدل الخزانة الإعلام الصحة
   التعليم النفط الطاقة الاقتصاد التجارة الزراعة البيئة العمل الشؤون شؤون للشؤون الدولة الدولي الإقليمي
   الحكومة الحكومي الرئاسة الرئاسي الوزراء الأمن القومي البيت الأبيض البرلمان المجلس
   السياسي السياسية الاقتصادي الاقتصادية العسكري العسكرية الأمني الأمنية الاستراتيجي الاستراتيجية
   القانوني القانونية الإعلامي الإعلامية الحقوقي الحقوقية الرياضي الرياضية المستقل المستقلة
   الوزارة الجيش الشرطة الحركة الحزب التحالف المنظمة البعثة الهيئة اللجنة الجماعة القوات`
    .split(/\s+/)
    .filter(Boolean)
    .map(keyOf),
);

/** Name parts that are also words: `عبد الله`, `بن`, `أبو`. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(['بن', 'ابن', 'بنت', 'ابو', 'ابي', 'ام', 'ال', 'عبد', 'دي', 'دو', 'فون', 'فان'].map(keyOf));
const ALLAH = keyOf('الله');
const ABD = keyOf('عبد');
const AL_DIN = keyOf('الدين');
/**
 * `علي` (Ali) and `على` ("on") share a key. Written with a dotted ya it is the name; since some
 * writers dot the preposition too, it starts a name only with a surname read by the usual rules.
 */
const ALI = keyOf('علي');
/**
 * `أن`/`إن` with a proclitic, as written with their hamza (`بأن`, `فإن`, `لأنه`). Match keys drop
 * the hamza, and `بان` is also a name (`بان كي مون`): the written form tells the particle apart.
 */
const HAMZA_PARTICLES: ReadonlySet<string> = new Set(
  ['ب', 'ف', 'ل', 'ك'].flatMap((clitic) => ['أن', 'إن'].flatMap((particle) => ['', 'ه', 'ها', 'هم', 'هما', 'هن', 'نا', 'ني'].map((pronoun) => clitic + particle + pronoun))),
);
const ON_BEHALF_OF = keyOf('باسم');
/** Prepositions between a title and the place or body of the post: `السفير في عمان`, `النائب عن نينوى`. */
const POST_PREPOSITIONS: ReadonlySet<string> = new Set(['في', 'لدى', 'عن'].map(keyOf));
const MAX_NAME_TOKENS = 4;
/** Nouns of places and bodies a title may head (`مدير مستشفى`, `رئيس نادي`): the name after them is the institution's. */
const INSTITUTION_NOUNS: ReadonlySet<string> = new Set(['نادي', 'مستشفى', 'مستشفي', 'مطار', 'فندق', 'ملعب', 'استاد', 'مدرسة', 'مصنع', 'ميناء', 'سجن', 'مسجد', 'كنيسة', 'متحف'].map(keyOf));
/** `X بن <a listed person>` names X, the listed person's child: the whole chain is one name. */
export const CHILD_OF: ReadonlySet<string> = new Set(['بن', 'بنت', 'ابن'].map(keyOf));
/** Particles of a patronymic or family name after a known name (`موزا بنت ناصر`, `سلمان آل سعود`): part of the name. */
const PATRONYMIC: ReadonlySet<string> = new Set([...CHILD_OF, keyOf('آل')]);
/**
 * Words that follow a titled given name without being its surname: times of day, `نفسه`, and
 * nouns in apposition (`الدكتور محمد أستاذ العلوم السياسية`).
 */
const NOT_SURNAMES: ReadonlySet<string> = new Set(
  `صباح مساء ظهر عصر فجر ليلة ليل ضحى صبيحة ظهيرة نفسه نفسها ذاته ذاتها
   أستاذ مدير عضو مسؤول أمين عميد رئيس نائب قائد مستشار مؤسس صاحب خبير محلل كاتب باحث مراسل مندوب ممثل سفير`
    .split(/\s+/)
    .filter(Boolean)
    .map(keyOf),
);

export interface PersonRuleLexicon {
  /** True for ordinary Arabic words (from the general word list). */
  isCommonWord(key: string): boolean;
}

interface GivenNameReading {
  readonly prefixLength: number;
  readonly ambiguous: boolean;
  readonly foreign: boolean;
  /** Set when the word after the proclitic is also a particle: the given name's written form, which the text must match. */
  readonly writtenAs?: string;
}

export function createPersonRecognizer(gazetteer: CompiledGazetteer, lexicon: PersonRuleLexicon): Recognizer {
  const isWord = (token: Token | undefined): token is Token => token !== undefined && (token.kind === 'arabic' || token.kind === 'latin');
  const adjacent = (text: string, a: Token, b: Token): boolean => onlySpacesBetween(text, a.end, b.start);
  const isNameToken = (key: string): boolean => {
    const given = gazetteer.givenNames.get(key);
    return (given !== undefined && !given.ambiguous) || gazetteer.words.has(key, PERSON_WORD);
  };
  /** A known person's name starting here, if one does (its last token and link): the gazetteer reads it better than a rule. */
  const knownPerson = (tokens: readonly Token[], index: number, text: string): { last: number; link: Link } | undefined => {
    const match = gazetteer.names.longestAt(tokens, index, text);
    const person = match?.values.find((entry) => entry.type === 'PERSON');
    return match && person ? { last: match.lastToken, link: linkOf(person) } : undefined;
  };

  /**
   * Per word type, whether it may continue a name after the first word: `decided` when the word
   * alone says so, else `otherwise` unless `الله` follows (`دخل الله`, `نصر الله`).
   */
  const nameContinuation = new WordFact((key: string, types: WordTable, word: number): { readonly decided: boolean | null; readonly otherwise: boolean } => {
    if (FUNCTION_WORDS.has(key) || TITLE_MODIFIERS.has(key)) return { decided: false, otherwise: false };
    if (key === ALLAH || NAME_PARTICLES.has(key) || isNameToken(key)) return { decided: true, otherwise: true };
    if (key.startsWith('و')) return { decided: false, otherwise: false }; // a conjunction starts the next item (`شينزو آبي وشنيزو`)
    if (gazetteer.adjectives.has(key)) return { decided: null, otherwise: false };
    if (/^ال.{2,}ي$/.test(key)) return { decided: null, otherwise: true }; // nisba surname: العبادي, الجبوري
    const unknownWord = !lexicon.isCommonWord(key) && !procliticReadingsAt(types, word).some((r) => r.prefixLength > 0 && lexicon.isCommonWord(r.stem) && r.stem.length > 2);
    return { decided: null, otherwise: unknownWord };
  });

  /** A token that may continue a name after its first token. */
  const continuesName = (tokens: readonly Token[], index: number): boolean => {
    const token = tokens[index];
    if (!isWord(token)) return false;
    const { decided, otherwise } = nameContinuation.of(token);
    if (decided !== null) return decided;
    return tokens[index + 1]?.key === ALLAH || otherwise;
  };

  /** Not a particle, title word, nationality adjective or trigger: a word a name may take. */
  const isOpenWord = (key: string): boolean =>
    !FUNCTION_WORDS.has(key) && !TITLE_MODIFIERS.has(key) && !gazetteer.adjectives.has(key) && !gazetteer.triggers.has(key);
  const isFamilyNameWithArticle = (key: string): boolean => key.startsWith('ال') && key.length > 3 && isOpenWord(key);

  // Verb shapes among ordinary words: imperfect prefixes ي ت ن (after the future's س), perfect
  // endings ت وا (`ماري تعمل`, `سيعقد`).
  const looksLikeVerb = (key: string): boolean => lexicon.isCommonWord(key) && (/^س?[يتن]/.test(key) || /(ت|وا)$/.test(key));
  /**
   * After a title, the word after a given name is its surname even when it is also a word
   * (`سمير حداد`, `عز الدين سعيدان`), unless it reads as something else: a particle, title word or
   * adjective, a verb, a time or apposition word, an adverb (`شخصيا`), a word with a proclitic
   * (`للصحفيين`) or a possessive ending written with ه (`نظيره`, against `خليفة`).
   */
  const isPlainSurname = (tokens: readonly Token[], index: number, text: string): boolean => {
    const token = tokens[index];
    if (!token || token.kind !== 'arabic') return false;
    const key = token.key;
    if (!isSurnameShaped(key) || NOT_SURNAMES.has(key)) return false;
    if (gazetteer.names.longestAt(tokens, index, text)?.values.some((entry) => entry.type !== 'PERSON')) return false; // a place (`فهد عمان`)
    if (!lexicon.isCommonWord(key)) return true;
    if (key.length < 4) return false; // short ordinary words are mostly verbs (`قطع`)
    const written = text.slice(token.start, token.end);
    if (written.endsWith('ا') || written.endsWith('ه') || written.endsWith('هم') || written.endsWith('هما')) return false;
    return !procliticReadingsOf(token).some((reading) => reading.prefixLength > 0 && lexicon.isCommonWord(reading.stem));
  };
  /** A word a surname without the article may be: three letters or more, open, not a verb, no conjunction. */
  const isSurnameShaped = (key: string): boolean =>
    !looksLikeVerb(key) &&
    !key.startsWith('ال') && !key.startsWith('و') && key.length > 2 && isOpenWord(key);

  /** Per word type: the proclitic length before a given name at the start of the word (`ومارك`), or null. */
  const givenNameReadings = new WordFact((_key: string, types: WordTable, word: number): GivenNameReading | null => {
    for (const reading of procliticReadingsAt(types, word)) {
      const given = gazetteer.givenNames.get(reading.stem);
      if (given && !reading.restoredArticle) {
        // After a proclitic, a particle's key may fold into a name's (`وعلى` and `وعلي`, `وأن` and `وآن`): only the name as written is the name.
        const writtenAs = reading.prefixLength > 0 && FUNCTION_WORDS.has(reading.stem) ? given.name : undefined;
        return { prefixLength: reading.prefixLength, ambiguous: given.ambiguous, foreign: given.origin === 'foreign', ...(writtenAs ? { writtenAs } : {}) };
      }
    }
    return null;
  });
  const particleAfterProclitic = new WordFact((_key: string, types: WordTable, word: number) => procliticReadingsAt(types, word).some((reading) => reading.prefixLength > 0 && FUNCTION_WORDS.has(reading.stem)));
  /** The given-name reading of a token, unless its written letters say it is a particle after a proclitic. */
  const givenNameOf = (token: Token, text: string): GivenNameReading | null => {
    const reading = givenNameReadings.of(token);
    if (reading?.writtenAs === undefined) return reading;
    return text.slice(token.start + reading.prefixLength, token.end) === reading.writtenAs ? reading : null;
  };
  /**
   * Per word type: a word no name starts with (a particle, a title word, the article, an
   * adjective, a trigger or an institution's noun: `رئيس نادي أرسنال` heads a club, it names no one).
   */
  const neverStartsName = new WordFact(
    (key: string) =>
      FUNCTION_WORDS.has(key) || TITLE_MODIFIERS.has(key) || key.startsWith('ال') || gazetteer.adjectives.has(key) || gazetteer.triggers.has(key) || INSTITUTION_NOUNS.has(key),
  );

  /** Reads a name starting at `index`: its proclitic length and last token, or undefined. */
  const readName = (tokens: readonly Token[], index: number, text: string, titled: boolean): { prefixLength: number; last: number } | undefined => {
    const first = tokens[index];
    if (!isWord(first) || first.kind !== 'arabic') return undefined;
    const ali = first.key === ALI && text.slice(first.start, first.end).endsWith('ي');
    if (neverStartsName.of(first) && !ali) return undefined;
    const given = givenNameOf(first, text);
    // A conjunction or preposition on a particle (`وأن`, `وفي`) starts no name, unless written as a given name (`وعلي`).
    if (given === null && particleAfterProclitic.of(first)) return undefined;
    if (!titled && (!given || given.ambiguous)) return undefined;
    let last = index;
    while (last - index + 1 < MAX_NAME_TOKENS) {
      const next = tokens[last + 1];
      const current = tokens[last];
      if (!next || !current || !adjacent(text, current, next) || !continuesName(tokens, last + 1)) break;
      if (HAMZA_PARTICLES.has(text.slice(next.start, next.end))) break;
      last++;
    }
    if (ali && last === index) return undefined; // a surname by the rules below may be `على هامش`, `على الرغم`
    // A given name with عبد or الدين is two words (`عبد الرحمن`, `عز الدين`).
    const second = tokens[index + 1]?.key;
    const givenEnd = last > index && ((first.key === ABD && second?.startsWith('ال')) || second === AL_DIN) ? index + 1 : index;
    const next = tokens[last + 1];
    const lastToken = tokens[last];
    const nextAdjacent = next !== undefined && lastToken !== undefined && adjacent(text, lastToken, next);
    // After a title, a given name is often followed by a family name with the article that is also
    // a word or a place (`يوسف الخليل`, `سعد الحريري`, `عبد الرحمن الجيران`): one such word completes
    // the name.
    if (titled && given && last === givenEnd && nextAdjacent && isFamilyNameWithArticle(next.key)) last++;
    // A foreign given name is followed by its surname, whatever the word list says (`جون سميث`).
    else if (given?.foreign && last === index && nextAdjacent && isSurnameShaped(next.key)) last++;
    // An ambiguous first word (`نور`) does not make a compound (`نور الدين`) an ordinary word.
    else if (titled && given && (!given.ambiguous || givenEnd > index) && last === givenEnd && nextAdjacent && isPlainSurname(tokens, last + 1, text)) last++;
    // A particle cannot end a name (`عبد` alone, `أبو` alone).
    while (last > index && NAME_PARTICLES.has(tokens[last]?.key ?? '')) last--;
    if (!titled && last === index) return undefined; // a lone given name is too weak without a title
    // After a title, some evidence that these words are a name and not the sentence going on
    // (`الرئيس يعلن`): a given name, a word the word list does not know, or a compound with الله.
    // A listed name word is evidence as the first word, not later on: there a name particle or an
    // unknown word must back it (`حشر بن مكتوم`; `اللاعب رقم واحد` is no name, though `واحد` is a surname).
    const words = tokens.slice(index, last + 1);
    const nameLike = given !== null || isNameToken(first.key) || words.some((t) => t.key === ALLAH || NAME_PARTICLES.has(t.key) || !lexicon.isCommonWord(t.key));
    return nameLike ? { prefixLength: given?.prefixLength ?? 0, last } : undefined;
  };

  /** Skips title qualifiers, nationality adjectives and named places/organisations after a title. */
  const skipQualifiers = (tokens: readonly Token[], index: number, text: string): number => {
    // `باسم` ("on behalf of") right after a title (`المتحدث باسم الحكومة`); later it is a name (`باسم العوادي`).
    let i = tokens[index]?.key === ON_BEHALF_OF ? index + 1 : index;
    for (let guard = 0; guard < 8; guard++) {
      const token = tokens[i];
      if (!token) return i;
      if (token.key === ',' || token.key === '،') {
        i++;
        continue;
      }
      const readings = procliticReadingsOf(token);
      if (readings.some((r) => TITLE_MODIFIERS.has(r.stem) || gazetteer.adjectives.has(r.stem))) {
        i++;
        continue;
      }
      // `السفير الأمريكي في عمان هنري ووستر`, `النائبة عن ائتلاف دولة القانون حنان الفتلاوي`: a
      // preposition and the place or body of the post.
      const afterPreposition = POST_PREPOSITIONS.has(token.key) ? i + 1 : i;
      const place = gazetteer.names.longestAt(tokens, afterPreposition, text);
      if (place && place.values.some((entry) => entry.type !== 'PERSON')) {
        i = place.lastToken + 1;
        continue;
      }
      const title = titleAt(gazetteer, tokens, i, text);
      if (title) {
        i = title.lastToken + 1;
        continue;
      }
      return i;
    }
    return i;
  };

  return {
    name: 'persons',
    recognize({ view, tokens }: RecognizerContext): Candidate[] {
      const candidates: Candidate[] = [];
      const push = (first: number, name: { prefixLength: number; last: number }, rule: string, confidence: number, link?: Link): void => {
        const a = tokens[first];
        const b = tokens[name.last];
        if (a && b) candidates.push({ type: 'PERSON', start: a.start + name.prefixLength, end: b.end, source: `rule:${rule}`, confidence, ...(link ? { link } : {}) });
      };
      /**
       * A known person: left to the gazetteer, unless a patronymic that is not another known name
       * follows (`الملك عبدالله الثاني بن الحسين`, but `أحمد الطيب` then `بن غفير`); then the longer
       * name, with the known person's link. Returns the token to go on after.
       */
      const afterKnown = (known: { last: number; link: Link }, nameStart: number, titled: boolean, rule: string, confidence: number): number => {
        if (!PATRONYMIC.has(tokens[known.last + 1]?.key ?? '') || knownPerson(tokens, known.last + 1, view.text)) return known.last;
        const longer = readName(tokens, nameStart, view.text, titled);
        if (!longer || longer.last <= known.last) return known.last;
        push(nameStart, longer, rule, confidence, known.link);
        return longer.last;
      };
      for (let i = 0; i < tokens.length; i++) {
        const title = titleAt(gazetteer, tokens, i, view.text);
        if (title) {
          const nameStart = skipQualifiers(tokens, title.lastToken + 1, view.text);
          // The gazetteer has this one, with or without its title (`الرئيس علي بونغو`, `الملك فهد`).
          const knownAfterTitle = knownPerson(tokens, nameStart, view.text) ?? knownPerson(tokens, i, view.text);
          if (knownAfterTitle) {
            i = afterKnown(knownAfterTitle, nameStart, true, 'title-person', 0.75);
            continue;
          }
          const name = readName(tokens, nameStart, view.text, true);
          if (name) {
            push(nameStart, name, 'title-person', 0.75);
            i = name.last;
          } else i = title.lastToken;
          continue;
        }
        // No rule name starts inside a known one either (`حسن علي خيري`, not `علي خيري ...`).
        const known = knownPerson(tokens, i, view.text);
        if (known) {
          i = afterKnown(known, i, false, 'given-name', 0.7);
          continue;
        }
        const name = readName(tokens, i, view.text, false);
        if (name && !followsNamedAfterHead(tokens, i, (key) => gazetteer.adjectives.has(key))) {
          push(i, name, 'given-name', 0.7);
          i = name.last;
        }
      }
      return candidates;
    },
  };
}
