import type { EntityType } from '../types.js';

/**
 * How each entity type looks in the report. The colours are five of Paul Tol's "light" scheme,
 * made for labels under dark text and chosen to stay apart for colour-blind readers:
 * tests/report-palette.test.ts holds every pair at least 10 CIEDE2000 apart under simulated
 * protanopia, deuteranopia and tritanopia (Machado et al. 2009, full severity) and every colour at
 * WCAG AAA contrast (7:1) with the text drawn on it. Colour is never the only cue: each highlight
 * carries its `label` in text, which survives print and greyscale.
 */

export interface TypeStyle {
  readonly colour: string;
  /** Short label printed after each highlight (the CoNLL export's names). */
  readonly label: string;
  /** The type's name in the Arabic legend. */
  readonly arabic: string;
}

export const TYPE_STYLES: Readonly<Record<EntityType, TypeStyle>> = {
  PERSON: { colour: '#ee8866', label: 'PER', arabic: 'شخص' },
  LOCATION: { colour: '#44bb99', label: 'LOC', arabic: 'مكان' },
  ORGANIZATION: { colour: '#99ddff', label: 'ORG', arabic: 'منظمة' },
  DATE: { colour: '#ffaabb', label: 'DATE', arabic: 'تاريخ' },
  COUNTRY_COUNT: { colour: '#eedd88', label: 'CNT', arabic: 'عدد دول' },
};

/** The text colour on every highlight. */
export const MARK_TEXT_COLOUR = '#111111';

/** A type the run names but v1 does not (QA reads runs loosely) is labelled with its own name, on grey. */
export const UNKNOWN_TYPE_COLOUR = '#dddddd';

export function typeStyle(type: string): TypeStyle {
  return (TYPE_STYLES as Readonly<Record<string, TypeStyle>>)[type] ?? { colour: UNKNOWN_TYPE_COLOUR, label: type, arabic: type };
}
