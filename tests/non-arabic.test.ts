import { loadResources, annotate } from '../src/pipeline/extract.js';
import type { Annotation } from '../src/types.js';
import { offsetViolations, schemaErrors } from './helpers.js';

const resources = loadResources();

function annotateText(text: string): Annotation {
  return annotate(text, { id: 'doc', source: 'doc.txt', sha256: '0'.repeat(64), encoding: 'utf-8' }, resources);
}

const LATIN_LETTER = /\p{Script=Latin}/u;

const NOT_ARABIC: Readonly<Record<string, string>> = {
  English:
    'President Barack Obama met Prime Minister David Cameron in London on Monday, 12 March 2015. Reuters reported that 30 soldiers were killed in Baghdad. The United Nations, NATO and the European Union called for calm. Ali Hassan and Mohamed Salah arrived from Cairo.',
  French:
    "Le président François Hollande a rencontré Angela Merkel à Paris le 12 mars 2015. L'Organisation des Nations unies et l'OTAN ont appelé au calme à Bagdad. Quelque 30 soldats ont été tués au Caire.",
  German: 'Bundeskanzlerin Angela Merkel traf am Montag in Berlin den französischen Präsidenten. Mehr als 30 Soldaten wurden getötet.',
  'Arabizi and transliterations': 'ana ra7 3la baghdad bokra w ba3den el qahira ma3 mohamed w 3ali. Lundun, Bagdad, Al-Qahira, Misr, Dimashq, Dubayy.',
  'code and markup': '<p class="x">if (a < b) { return f(x, 12); }</p> SELECT * FROM users WHERE id = 30; https://example.com/a?b=c',
};

describe('input that is not Arabic', () => {
  it.each(Object.entries(NOT_ARABIC))('%s gives a valid annotation with no entities', (_name, text) => {
    const annotation = annotateText(text);
    expect(schemaErrors(annotation)).toBe('');
    expect(annotation.entities).toEqual([]);
    expect(annotation.countries).toEqual([]);
  });

  it('does not match Latin spellings of gazetteer names', () => {
    const names = 'London Paris Baghdad Cairo Damascus Beirut Obama Merkel Hollande NATO UN Reuters Iraq Syria Egypt';
    expect(annotateText(names).entities).toEqual([]);
    expect(annotateText(names.toUpperCase()).entities).toEqual([]);
  });
});

describe('mixed Arabic and Latin text', () => {
  const mixed = 'قال John Kerry في London إن الرئيس باراك أوباما سيزور بغداد يوم 12 March 2015، وأضاف أن Reuters نقلت عن مصادر في القاهرة مقتل 30 جنديا.';

  it('finds the Arabic entities and nothing made of Latin letters', () => {
    const annotation = annotateText(mixed);
    expect(schemaErrors(annotation)).toBe('');
    expect(offsetViolations(mixed, annotation.entities)).toEqual([]);
    expect(annotation.entities.map((e) => e.text)).toEqual(expect.arrayContaining(['باراك أوباما', 'بغداد', 'القاهرة']));
    for (const entity of annotation.entities) expect(entity.text).not.toMatch(LATIN_LETTER);
  });

  it('keeps Latin letters out of an Arabic name written against them', () => {
    const text = 'وصل الوفد إلى لندنLondon ثم إلى Parisباريس وبغداد.';
    const annotation = annotateText(text);
    expect(offsetViolations(text, annotation.entities)).toEqual([]);
    for (const entity of annotation.entities) expect(entity.text).not.toMatch(LATIN_LETTER);
    expect(annotation.entities.map((e) => e.text)).toContain('بغداد');
  });
});
