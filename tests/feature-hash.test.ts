import { hashAfter, hashPrefix, hashString } from '../src/learn/hash.js';

describe('feature hashing from a prefix state', () => {
  it.each([
    ['s', '=', 'سوريا'],
    ['x3', '=', 'يين'],
    ['clitic', '=', 'وب'],
    ['w', '=', ''],
  ])('hashes %s%s%s as the joined string would be', (first, separator, second) => {
    expect(hashAfter(hashPrefix(first, separator), second)).toBe(hashString(first + separator + second));
  });

  it('tells values apart after the same prefix', () => {
    const prefix = hashPrefix('s', '=');
    expect(hashAfter(prefix, 'سوريا')).not.toBe(hashAfter(prefix, 'سورية'));
  });
});
