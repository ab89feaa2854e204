/** natural's distance module, imported alone: `require('natural')` loads every backend (~0.9 s). */
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distance: {
    DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
    LevenshteinDistance(source: string, target: string): number;
  };
  export default distance;
}
