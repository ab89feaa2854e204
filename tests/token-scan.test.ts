import { wordOpens } from '../src/recognizers/token-scan.js';

describe('wordOpens', () => {
  const isYear = (stem: string): boolean => stem === 'العام';

  it.each([
    ['العام', { bare: true, afterClitic: false }],
    ['للعام', { bare: false, afterClitic: true }], // ل + العام, the article's alef dropped
    ['وللعام', { bare: false, afterClitic: true }],
    ['عامل', { bare: false, afterClitic: false }],
  ])('%s', (key, expected) => {
    expect(wordOpens(key, isYear)).toEqual(expected);
  });

  it('gives words with the same answer one shared object (a per-type fact keeps none of its own)', () => {
    expect(wordOpens('للعام', isYear)).toBe(wordOpens('وللعام', isYear));
    expect(Object.isFrozen(wordOpens('العام', isYear))).toBe(true);
  });
});
