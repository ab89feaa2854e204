import { procliticReadingsOf } from '../../text/clitics.js';
import { WordFact } from '../../text/word-types.js';
import type { Candidate, DateDetail, Recognizer, RecognizerContext } from '../../types.js';
import { startsOrdinal } from '../numbers.js';
import { wordOpens } from '../token-scan.js';
import { parseIsoDay } from './calendar.js';
import {
  AFTER,
  ARTICLE,
  BETWEEN,
  CONSTRUCT_ORDINALS,
  DAY_WORDS,
  DUAL_DAY_WORD,
  DUAL_YEAR_WORDS,
  FIRST_DAY_WORDS,
  FROM,
  HOLIDAYS,
  MONTH_WORD,
  OFFSET_DIRECTIONS,
  PARTS,
  RELATIVE_UNITS,
  THE_YESTERDAY,
  THIS,
  TIME_OF_DAY,
  TODAY,
  THE_NIGHT,
  TOMORROW,
  BARE_TOMORROW,
  YEAR_WORDS,
  YESTERDAY,
} from './lexicon.js';
import { startsMonthName, WEEKDAYS } from './month-names.js';
import { DateParser, type Match } from './parser.js';
import type { Reading } from './reading.js';
import { resolveDate } from './resolve.js';
import { tenseBefore } from './tense.js';

/**
 * DATE candidates (GUIDELINES rule 5): the grammar (parser.ts) over the word tables
 * (lexicon.ts), then resolution and the consistency check (resolve.ts). `value` is ISO 8601 when
 * the text fixes it, or when the expression is relative and options.documentDate resolves it;
 * every relative expression has `relative: true`. `date` holds the reading, in the calendar it
 * names, and `date.valueWithheld` says why a value the text seems to fix was not written.
 */

/** Words that can open a date (first-token check before any parsing). */
const STARTERS = new Set<string>([
  ...DAY_WORDS,
  DUAL_DAY_WORD,
  ...TIME_OF_DAY,
  ...PARTS.keys(),
  MONTH_WORD,
  ...FIRST_DAY_WORDS,
  ...CONSTRUCT_ORDINALS.keys(),
  ...RELATIVE_UNITS.keys(),
  ...THIS,
  ...YEAR_WORDS,
  ...DUAL_YEAR_WORDS,
  ...OFFSET_DIRECTIONS.keys(),
  ...HOLIDAYS.keys(),
  FROM,
  BETWEEN,
  ARTICLE,
  ...YESTERDAY,
  THE_YESTERDAY,
  TOMORROW,
  ...BARE_TOMORROW,
  TODAY,
  THE_NIGHT,
  AFTER,
  ...WEEKDAYS.keys(),
]);

function mayStartWord(key: string): boolean {
  return STARTERS.has(key) || startsMonthName(key) || startsOrdinal(key);
}

/** Per word type: may a date start at the word itself, and after one of its proclitics? */
const dateStarts = new WordFact((key: string) => wordOpens(key, mayStartWord));

/** A bare weekday (`الاثنين`, `يوم الاثنين`): the only reading the clause's tense resolves. */
function isBareWeekday(reading: Reading): boolean {
  return reading.anchor === 'document' && reading.weekday !== undefined && reading.day === undefined && reading.unit === undefined && reading.month === undefined;
}

/** The reading as DateDetail; a Hijri reading also as text (`1445-09-15`). */
function detailOf(reading: Reading, withheld: DateDetail['valueWithheld']): DateDetail {
  const { calendar, year, month, day } = reading;
  const detail: DateDetail = withheld === undefined ? { ...reading } : { ...reading, valueWithheld: withheld };
  if (calendar !== 'hijri' || year === undefined) return detail;
  let hijri = String(year).padStart(4, '0');
  if (month !== undefined) hijri += `-${String(month).padStart(2, '0')}`;
  if (month !== undefined && day !== undefined) hijri += `-${String(day).padStart(2, '0')}`;
  return { ...detail, hijri };
}

export const dateRecognizer: Recognizer = {
  name: 'dates',
  recognize(context: RecognizerContext): Candidate[] {
    const { tokens } = context;
    const documentDay = context.options.documentDate === undefined ? null : parseIsoDay(context.options.documentDate);
    const parser = new DateParser(context);
    const candidates: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      let found: { match: Match; start: number } | null = null;
      const starts = token.kind === 'number' ? undefined : dateStarts.of(token);
      if (!starts || starts.bare) {
        const match = parser.parse(i, token.key, token.start, '');
        if (match) found = { match, start: token.start };
      }
      if (!found && token.kind === 'arabic' && starts?.afterClitic) {
        for (const reading of procliticReadingsOf(token)) {
          if (reading.prefixLength === 0 || !dateStarts.ofKey(reading.stem, token.types).bare) continue;
          const start = token.start + reading.prefixLength;
          const match = parser.parse(i, reading.stem, start, token.key.slice(0, reading.prefixLength + (reading.restoredArticle ? 1 : 0)));
          if (match) {
            found = { match, start };
            break;
          }
        }
      }
      if (!found) continue;
      const { match, start } = found;
      const last = tokens[match.next - 1];
      if (!last) continue;
      let reading = match.reading;
      if (isBareWeekday(reading)) {
        const tense = tenseBefore(context.view.text, tokens, i);
        if (tense !== undefined) reading = { ...reading, tense };
      }
      const resolved = resolveDate(reading, documentDay);
      candidates.push({
        type: 'DATE',
        start,
        end: last.end,
        source: `rule:${match.rule}`,
        confidence: match.confidence,
        date: detailOf(resolved.reading, resolved.withheld),
        ...(resolved.value === undefined ? {} : { value: resolved.value }),
        ...(reading.anchor === undefined ? {} : { relative: true }),
      });
      i = match.next - 1;
    }
    return candidates;
  },
};
