/**
 * Zeroed rows of one length cut from shared blocks. The tagger keeps a row of scores per word
 * type, and unseen or hostile text brings tens of thousands of new types: a typed array of its
 * own for each (a buffer outside the heap, tracked until the collector frees it) cost more than
 * the row's sums. A block lives while any of its rows does.
 */
export class RowBlocks {
  private block = new Float64Array(0);
  private used = 0;

  constructor(
    private readonly rowLength: number,
    private readonly rowsPerBlock = 1024,
  ) {
    if (!Number.isInteger(rowLength) || rowLength <= 0) throw new RangeError(`row length must be a positive integer, got ${rowLength}`);
    if (!Number.isInteger(rowsPerBlock) || rowsPerBlock <= 0) throw new RangeError(`rows per block must be a positive integer, got ${rowsPerBlock}`);
  }

  /** A new row of zeros, shared with no other row. */
  next(): Float64Array {
    if (this.used + this.rowLength > this.block.length) {
      this.block = new Float64Array(this.rowLength * this.rowsPerBlock);
      this.used = 0;
    }
    const row = this.block.subarray(this.used, this.used + this.rowLength);
    this.used += this.rowLength;
    return row;
  }
}
