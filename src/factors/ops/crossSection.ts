/**
 * Cross-sectional percentile rank at each row across several assets' columns (ties averaged, pandas
 * `rank(axis=1, pct=True)`), in (0, 1]. NaN entries are left out of the ranking and stay NaN; a row with
 * fewer than `minAssets` finite values is NaN for every asset. O(n a^2), for a handful of assets.
 *
 * @param columns one column per asset, equal lengths (rows aligned on the same grid)
 * @returns one rank column per asset
 */
export function crossSectionalRank(columns: readonly Float64Array[], minAssets = 2): Float64Array[] {
  const a = columns.length;
  const n = a === 0 ? 0 : columns[0].length;
  const out = columns.map(() => new Float64Array(n));
  const vals = new Float64Array(a);
  const order = new Int32Array(a);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = 0; k < a; k++) {
      const v = columns[k][i];
      if (!Number.isNaN(v)) {
        vals[m] = v;
        order[m] = k;
        m++;
      } else out[k][i] = Number.NaN;
    }
    if (m < minAssets) {
      for (let k = 0; k < a; k++) out[k][i] = Number.NaN;
      continue;
    }
    for (let p = 0; p < m; p++) {
      const v = vals[p];
      let less = 0;
      let equal = 0;
      for (let q = 0; q < m; q++) {
        if (vals[q] < v) less++;
        else if (vals[q] === v) equal++;
      }
      out[order[p]][i] = (less + (equal + 1) / 2) / m;
    }
  }
  return out;
}
