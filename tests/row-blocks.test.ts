import { RowBlocks } from '../src/tagger/row-blocks.js';

describe('RowBlocks', () => {
  it('gives zeroed rows of the asked length that share no element, within a block and across blocks', () => {
    const blocks = new RowBlocks(45, 3);
    const rows = Array.from({ length: 7 }, () => blocks.next());
    rows.forEach((row, i) => {
      expect(row.length).toBe(45);
      expect(row.every((value) => value === 0)).toBe(true);
      row.fill(i + 1);
    });
    // Each row still holds what was written into it: no row overlaps another.
    rows.forEach((row, i) => expect(row.every((value) => value === i + 1)).toBe(true));
  });

  it('refuses a row length or block size that is not a positive integer', () => {
    expect(() => new RowBlocks(0)).toThrow(RangeError);
    expect(() => new RowBlocks(45, 0)).toThrow(RangeError);
    expect(() => new RowBlocks(4.5)).toThrow(RangeError);
  });
});
