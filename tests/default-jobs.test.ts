import { BYTES_PER_WORKER, defaultJobs } from '../src/batch/default-jobs.js';

describe('the default --jobs', () => {
  it('gives one worker to an input too small to earn back a second one start-up', () => {
    expect(defaultJobs(30, 8, 0)).toBe(1);
    expect(defaultJobs(BYTES_PER_WORKER - 1, 8, 0)).toBe(1);
  });

  it('adds a worker per BYTES_PER_WORKER of input, up to the cores', () => {
    expect(defaultJobs(BYTES_PER_WORKER, 8, 0)).toBe(2);
    expect(defaultJobs(3 * BYTES_PER_WORKER + 1, 8, 0)).toBe(4);
    expect(defaultJobs(16e6, 2, 0)).toBe(2);
    expect(defaultJobs(1e9, 4, 0)).toBe(4);
  });

  it('leaves out the cores other processes keep busy, and never goes below one', () => {
    expect(defaultJobs(16e6, 2, 1.2)).toBe(1); // one core taken: a second worker has none of its own
    expect(defaultJobs(1e9, 8, 5.4)).toBe(3);
    expect(defaultJobs(1e9, 2, 9)).toBe(1);
  });
});
