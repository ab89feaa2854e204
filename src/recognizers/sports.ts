import type { Token } from '../types.js';
import type { CompiledGazetteer } from '../gazetteer/compile.js';
import type { GazetteerEntry } from '../gazetteer/load.js';
import type { PhraseMatch } from '../gazetteer/phrase-trie.js';
import { keyOf } from '../text/normalize.js';
import { procliticReadingsOf } from '../text/clitics.js';
import { onlySpacesBetween } from '../text/tokenize.js';
import { previousWordIndex, tokenIsOneOf } from './context.js';

/**
 * Sports news calls clubs by their cities (`ليون`, `هامبورغ`, `بورتو`). Arabic treats a city as
 * feminine, so in a match report a city followed by a masculine nationality adjective (`ليون
 * الفرنسي`, `هامبورغ الألماني`) or by its country in brackets (`بورتو (البرتغال)`, a results
 * table) is a club: the adjective or the bracket agrees with the team, not the town. A city right
 * after a team's noun (`فريق ليون`) is the club in any text, and so is a city after a word clubs
 * put before their town's name (`دينامو كييف`, `مكابي حيفا`, `أولمبيك مرسيليا`): the name is both words.
 */

/** The source of a club read from its city. */
export const CLUB_BY_CITY_SOURCE = 'rule:club-by-city';

/** Words of match reports: a text with several of them is sports news. */
const SPORTS_WORDS: ReadonlySet<string> = new Set(
  ['مباراة', 'المباراة', 'الدوري', 'هدف', 'أهداف', 'الشوط', 'تعادل', 'التعادل', 'ملعب', 'مدرب', 'المدرب', 'لاعب', 'اللاعب', 'بطولة', 'البطولة', 'كأس', 'المنتخب', 'النادي', 'الفريق', 'ضيفه', 'مضيفه', 'الدقيقة', 'الهدف'].map(keyOf),
);
const SPORTS_TEXT_WORDS = 3;

/** Nouns that head a city in a construct (`ميناء حيفا الإسرائيلي`): the adjective is theirs. */
const CITY_HEADS: ReadonlySet<string> = new Set(['ميناء', 'مطار', 'مرفأ', 'مهرجان', 'معرض', 'متحف', 'سجن', 'مؤتمر', 'اتفاق', 'إعلان', 'بيان', 'ملعب', 'استاد', 'مجلس', 'برلمان', 'ماراثون', 'سباق', 'جائزة'].map(keyOf));

/** Whether a document is a match report: SPORTS_TEXT_WORDS of its words or more are SPORTS_WORDS. */
export function isSportsText(tokens: readonly Token[]): boolean {
  let count = 0;
  for (const token of tokens) if (SPORTS_WORDS.has(token.key) && ++count >= SPORTS_TEXT_WORDS) return true;
  return false;
}

/** Nouns of a team: a city right after one names the club (`فريق ليون`, `لنادي بورتو`). */
const TEAM_NOUNS: ReadonlySet<string> = new Set(['نادي', 'فريق'].map(keyOf));

/**
 * Words that clubs put before their town's name (Dynamo, CSKA, Steaua, Spartak, Lokomotiv, Shakhtar,
 * Zenit, Levski, Partizan, Atlético, Sporting, Deportivo, Racing, Inter, AEK, Olympique, Borussia,
 * Werder, Bayer, Bayern, Eintracht, Hertha, Ajax, Slavia, Sparta, Rapid, Sturm, Standard, Maccabi,
 * Hapoel, Beitar), in the spellings of the Arabic press. None is an Arabic word, so before a city
 * they name the club in any text.
 */
const CLUB_HEADS: ReadonlySet<string> = new Set(
  [
    'دينامو', 'ديناموا', 'سسكا', 'تسسكا', 'سيسكا', 'ستيوا', 'ستياوا', 'سبارتاك', 'لوكوموتيف', 'شاختار', 'زينيت', 'ليفسكي', 'بارتيزان', 'أتلتيكو', 'اتلتيكو',
    'أتليتكو', 'سبورتنغ', 'سبورتينغ', 'ديبورتيفو', 'راسينغ', 'إنتر', 'انتر', 'أيك', 'ايك', 'آيك', 'أولمبيك', 'اولمبيك', 'بوروسيا', 'فيردر', 'باير', 'بايرن',
    'آينتراخت', 'اينتراخت', 'هيرتا', 'أياكس', 'اياكس', 'سلافيا', 'سبارتا', 'رابيد', 'شتورم', 'ستاندار', 'مكابي', 'هبوعيل', 'هابوعيل', 'بيتار',
  ].map(keyOf),
);
/** How many letters of the token are proclitics before a club's head word (`ودينامو`: 1), or undefined when it holds none. */
function clubHeadAfter(token: Token): number | undefined {
  return procliticReadingsOf(token).find((reading) => CLUB_HEADS.has(reading.stem))?.prefixLength;
}

/**
 * Where the name of the club a matched city names starts (the city's own start, or its head
 * word's: `دينامو كييف`), or undefined when the city names no club here: after a team's noun or
 * a club's head word, or in a sports text as above.
 */
export function clubStartAt(gazetteer: CompiledGazetteer, tokens: readonly Token[], match: PhraseMatch<GazetteerEntry>, text: string, sports: boolean): number | undefined {
  const before = tokens[match.firstToken - 1];
  const first = tokens[match.firstToken];
  if (match.prefixLength === 0 && before && first && onlySpacesBetween(text, before.end, first.start)) {
    if (tokenIsOneOf(before, TEAM_NOUNS)) return match.start;
    const head = clubHeadAfter(before);
    if (head !== undefined) return before.start + head;
  }
  if (!sports) return undefined;
  if (tokenIsOneOf(tokens[previousWordIndex(tokens, match.firstToken)], CITY_HEADS)) return undefined;
  const last = tokens[match.lastToken];
  const next = tokens[match.lastToken + 1];
  if (!last || !next || !onlySpacesBetween(text, last.end, next.start)) return undefined;
  if (next.key === '(') {
    const country = gazetteer.names.longestAt(tokens, match.lastToken + 2, text);
    const inBrackets = country !== undefined && tokens[country.lastToken + 1]?.key === ')' && country.values.some((entry) => entry.type === 'LOCATION' && entry.subtype === 'country');
    return inBrackets ? match.start : undefined;
  }
  return gazetteer.adjectives.has(next.key) && text.slice(next.start, next.end).endsWith('ي') ? match.start : undefined;
}
