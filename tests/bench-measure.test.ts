import { readTimeReport } from '../src/bench/measure.js';

// The tail of a real `/usr/bin/time -v` report (GNU time 1.9), as the bench reads it from stderr.
const REPORT = [
  '\tCommand being timed: "node dist/cli/main.js extract corpus --out output --jobs 1"',
  '\tUser time (seconds): 8.95',
  '\tSystem time (seconds): 1.08',
  '\tPercent of CPU this job got: 117%',
  '\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:08.55',
  '\tMaximum resident set size (kbytes): 252416',
  '\tExit status: 0',
].join('\n');

describe('bench: reading the time -v report', () => {
  it('adds user and system time over all threads, and reads the peak RSS in MB', () => {
    const { cpuSeconds, peakRssMB } = readTimeReport(`arabic-ner: 4518 documents; 0 failed\n${REPORT}\n`);
    expect(cpuSeconds).toBeCloseTo(10.03, 5);
    expect(peakRssMB).toBeCloseTo(246.5, 5);
  });

  it('reports nothing it cannot read (no GNU time on the machine)', () => {
    expect(readTimeReport('arabic-ner: 5 documents; 0 failed\n')).toEqual({});
    expect(readTimeReport('\tUser time (seconds): 1.00\n')).toEqual({}); // CPU time needs both halves
  });
});
