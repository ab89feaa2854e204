import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, wcagContrast, type Color } from 'culori';
import { MARK_TEXT_COLOUR, TYPE_STYLES, UNKNOWN_TYPE_COLOUR } from '../src/qa/report-palette.js';
import { ENTITY_TYPES } from '../src/types.js';

/**
 * The report's five type colours must stay apart for readers with the common colour-vision
 * deficiencies, and keep the text on them readable. Vision is simulated with culori's filters
 * (Machado, Oliveira and Fernandes 2009, at full severity: dichromats, the hardest case);
 * distance is CIEDE2000, where about 2 is just noticeable and 10 is plainly another colour.
 */

const VISION: Readonly<Record<string, (colour: Color) => Color>> = {
  typical: (colour) => colour,
  protanopia: filterDeficiencyProt(1),
  deuteranopia: filterDeficiencyDeuter(1),
  tritanopia: filterDeficiencyTrit(1),
};
const distance = differenceCiede2000();
const colour = (hex: string): Color => {
  const parsed = parse(hex);
  if (!parsed) throw new Error(`not a colour: ${hex}`);
  return parsed;
};

/** The closest pair of type colours as seen with `vision`. */
function closestPair(vision: (colour: Color) => Color): { pair: string; distance: number } {
  let closest = { pair: '', distance: Infinity };
  for (const [i, a] of ENTITY_TYPES.entries()) {
    for (const b of ENTITY_TYPES.slice(i + 1)) {
      const d = distance(vision(colour(TYPE_STYLES[a].colour)), vision(colour(TYPE_STYLES[b].colour)));
      if (d < closest.distance) closest = { pair: `${a}/${b}`, distance: d };
    }
  }
  return closest;
}

describe('the report palette', () => {
  it.each(Object.keys(VISION))('keeps every pair of types at least 10 CIEDE2000 apart with %s', (name) => {
    const vision = VISION[name] as (colour: Color) => Color;
    const closest = closestPair(vision);
    expect({ name, ...closest, distinct: closest.distance >= 10 }).toMatchObject({ name, distinct: true });
  });

  it('would have caught the old palette (pastel orange, green, blue, violet, yellow)', () => {
    const old = ['#ffd8a8', '#b2f2bb', '#a5d8ff', '#eebefa', '#ffec99'];
    const deutan = VISION['deuteranopia'] as (colour: Color) => Color;
    const closest = Math.min(...old.flatMap((a, i) => old.slice(i + 1).map((b) => distance(deutan(colour(a)), deutan(colour(b))))));
    expect(closest).toBeLessThan(10);
  });

  it('keeps the text on every highlight at WCAG AAA contrast (7:1)', () => {
    for (const hex of [...ENTITY_TYPES.map((t) => TYPE_STYLES[t].colour), UNKNOWN_TYPE_COLOUR]) {
      expect({ hex, aaa: wcagContrast(hex, MARK_TEXT_COLOUR) >= 7 }).toEqual({ hex, aaa: true });
    }
  });

  it('labels each type in text, each label its own', () => {
    const labels = ENTITY_TYPES.map((t) => TYPE_STYLES[t].label);
    expect(new Set(labels).size).toBe(ENTITY_TYPES.length);
    expect(labels).toEqual(['PER', 'LOC', 'ORG', 'DATE', 'CNT']);
  });
});
