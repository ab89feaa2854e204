/** Public shapes shared by every stage: text views, tokens, candidates and the v1 annotation. */

export const ENTITY_TYPES = ['PERSON', 'LOCATION', 'ORGANIZATION', 'DATE', 'COUNTRY_COUNT'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ANNOTATION_SCHEMA_ID = 'arabic-ner/annotation/v1';

/**
 * A normalised view of raw text. `text` is the display normalisation, `key` the matching
 * normalisation; both have the same length, so one offset map serves both.
 * rawStart[i]/rawEnd[i] give the raw code point range that produced UTF-16 unit i of `text`.
 */
export interface TextView {
  readonly raw: string;
  readonly rawLength: number;
  readonly text: string;
  readonly key: string;
  readonly rawStart: Int32Array;
  readonly rawEnd: Int32Array;
}

export type TokenKind = 'arabic' | 'latin' | 'number' | 'punct' | 'symbol';

/** A token over the normalised view. `start`/`end` are UTF-16 offsets into view.text. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** Match key of the token (view.key slice). */
  readonly key: string;
  /** Id of the key in `types`, valid within the document. */
  readonly word: number;
  /** The word-type table of the annotator that made the token (see text/word-types.ts). */
  readonly types: WordTable;
  /** True when the token is a piece of a longer run written without spaces. */
  readonly joined: boolean;
  /** For a piece after the first of a run: the space restored just before it. */
  readonly cut?: RestoredCut;
}

/** A lost space the run splitter restored before a piece: how sure it is, and what made the cut. */
export interface RestoredCut {
  /** The segmenter's posterior probability (0..1) that a space was lost here, or the rule's measured share of right cuts. */
  readonly confidence: number;
  readonly by: CutRule;
}

/**
 * What restored a lost space: the segmenter's word model, or one of the run splitter's rules
 * (`آل` written onto a listed name; a listed name's first word glued to the word before it; a
 * name the document writes elsewhere, glued to the words around it; the end of a name, after a
 * word of a person's name, glued to a frequent word; a nationality adjective glued to the name after it; a
 * particle spelt with its hamza glued to the end of the word before it; a function word glued to the end of a word
 * the word model does not know well).
 */
export type CutRule = 'word-model' | 'family-name' | 'name-start' | 'document-word' | 'name-end' | 'nationality' | 'hamza-particle' | 'function-word-end';

/**
 * The ids of word types and what was computed per id (text/word-types.ts, WordTypes): each
 * annotator has its own.
 */
export interface WordTable {
  /** The id of `key`, added when new. */
  intern(key: string): number;
  /** The id of text[start, end), added when new. */
  internRange(text: string, start: number, end: number): number;
  keyOf(id: number): string;
  /** The answers a fact (text/word-types.ts, WordFact) has computed in this table, by id. */
  factValues(fact: object): unknown[];
}

export type CountQualifier = 'exact' | 'approx' | 'more_than' | 'less_than';

export interface Link {
  readonly gazetteer: string;
  readonly id: string;
  /** Usual English name. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 of the place, nationality or seat, when known. */
  readonly country?: string;
}

/** Structured reading of a DATE; `value` on the entity holds the ISO form when fixed. */
export interface DateDetail {
  readonly calendar: 'gregorian' | 'hijri';
  /** The Hijri reading as written (`1445-09-15`), for Hijri dates. */
  readonly hijri?: string;
  /** For a relative expression: how it is anchored. */
  readonly anchor?: 'document' | 'previous' | 'next' | 'current';
  readonly unit?: 'day' | 'week' | 'month' | 'year';
  /** Units from the anchor (−1 last, +1 next, 0 current). */
  readonly offset?: number;
  /** ISO weekday 1 (Monday) .. 7 (Sunday). */
  readonly weekday?: number;
  readonly day?: number;
  readonly month?: number;
  readonly year?: number;
  /** A part of the period: start, middle, end. */
  readonly part?: 'start' | 'middle' | 'end';
  /** For ranges: the other end's day. */
  readonly endDay?: number;
  /** For ranges across months (`من 28 ديسمبر الى 3 يناير 2014`): the other end's month and year. */
  readonly endMonth?: number;
  readonly endYear?: number;
  /** A named feast or day (`eid-al-fitr`, `christmas`); day and month are its rule in `calendar`. */
  readonly holiday?: string;
  /** A Hijri month or feast placed by the Gregorian year the text names (`رمضان 2019`). */
  readonly gregorianYear?: number;
  /** The n-th such weekday of the month (`الثلاثاء الثالث من شهر أيلول`: the third Tuesday). */
  readonly nth?: number;
  /** The tense of the clause that placed a bare weekday after (future) or before (past) the document date. */
  readonly tense?: 'past' | 'future';
  /**
   * Why no value was written although the text seems to fix one: the weekday named is not the
   * date's, the range ends before it starts, or the day does not exist in its month.
   */
  readonly valueWithheld?: 'weekday-mismatch' | 'range-order' | 'no-such-day';
}

/** What a recogniser proposes, in normalised coordinates. */
export interface Candidate {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  /** Which recogniser and rule made it, e.g. `gazetteer:countries`, `rule:title-person`. */
  readonly source: string;
  readonly confidence: number;
  readonly link?: Link;
  readonly value?: string | number;
  readonly relative?: boolean;
  readonly qualifier?: CountQualifier;
  readonly date?: DateDetail;
}

/** One entity of the v1 annotation: raw code point offsets, `text` = raw slice. */
export interface Entity {
  readonly id: string;
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly normalized: string;
  readonly source: string;
  readonly confidence: number;
  readonly link?: Link;
  readonly value?: string | number;
  readonly relative?: boolean;
  readonly qualifier?: CountQualifier;
  readonly date?: DateDetail;
  /** Id of an earlier entity this mention refers to (a surname after the full name). */
  readonly coref?: string;
}

export interface CountryCount {
  readonly code: string;
  readonly name: string;
  /** Mentions of the country itself (LOCATION entities linked to it). */
  readonly mentions: number;
  /** Mentions through nationality adjectives (`البريطاني` -> GB). */
  readonly adjectiveMentions: number;
}

export interface DocumentInfo {
  readonly id: string;
  readonly source: string;
  readonly sha256: string;
  /** Length of the raw text in code points. */
  readonly length: number;
  readonly encoding: string;
  readonly documentDate?: string;
}

export interface Annotation {
  readonly schema: typeof ANNOTATION_SCHEMA_ID;
  readonly document: DocumentInfo;
  readonly entities: readonly Entity[];
  readonly countries: readonly CountryCount[];
}

export interface ExtractOptions {
  /** ISO date (YYYY-MM-DD) the document was written, to resolve relative dates. */
  readonly documentDate?: string;
}

/** What every recogniser reads. Tokens may include pieces of split run-together words. */
export interface RecognizerContext {
  readonly view: TextView;
  readonly tokens: readonly Token[];
  readonly options: ExtractOptions;
}

/** A recogniser proposes candidates; resolution between recognisers happens later. */
export interface Recognizer {
  readonly name: string;
  recognize(context: RecognizerContext): Candidate[];
}
