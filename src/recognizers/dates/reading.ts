import type { DateDetail } from '../../types.js';
import type { Anchor, Part, Unit } from './lexicon.js';
import type { Tense } from './tense.js';

export type Calendar = DateDetail['calendar'];

/** What the text says, before resolution. Day/month/year are in `calendar`; see DateDetail for each field. */
export interface Reading {
  calendar: Calendar;
  year?: number;
  month?: number;
  day?: number;
  endDay?: number;
  endMonth?: number;
  endYear?: number;
  weekday?: number;
  part?: Part;
  anchor?: Anchor;
  unit?: Unit;
  offset?: number;
  holiday?: string;
  gregorianYear?: number;
  nth?: number;
  tense?: Tense;
}
