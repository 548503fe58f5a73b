// "did you mean …?": the closest known name by Levenshtein edit distance (insertions,
// deletions, substitutions each cost 1; a swap of two neighbours also costs 1, the "optimal
// string alignment" variant, since `mvoq` for `movq` is the commonest typo), accepted only
// when it is close enough to be a typo.

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const w = b.length + 1;
  let prev2 = new Array<number>(w).fill(0);
  let prev = new Array<number>(w);
  let cur = new Array<number>(w);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word`, or null when none is within a third of its length
 *  (at least 1, at most 3 edits). Ties go to the first candidate in the list. */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | null = null;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
