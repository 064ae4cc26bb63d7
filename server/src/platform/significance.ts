/**
 * Whether the arms of a random split convert differently: Pearson's chi-square test of
 * independence on a k × 2 table (converted, not converted), as the p-value. Null when there
 * is too little to test (fewer than two arms with contacts, or nobody / everybody converted).
 */
export function chiSquarePValue(table: [number, number][]): number | null {
  const rows = table.filter(([a, b]) => a + b > 0);
  if (rows.length < 2) return null;
  const total = rows.reduce((sum, [a, b]) => sum + a + b, 0);
  const columns = [rows.reduce((sum, [a]) => sum + a, 0), rows.reduce((sum, [, b]) => sum + b, 0)];
  if (columns.some((column) => column === 0)) return null;
  let statistic = 0;
  for (const row of rows) {
    const rowTotal = row[0] + row[1];
    for (const column of [0, 1] as const) {
      const expected = (rowTotal * columns[column]!) / total;
      statistic += (row[column] - expected) ** 2 / expected;
    }
  }
  return upperGamma((rows.length - 1) / 2, statistic / 2);
}

/** The regularised upper incomplete gamma Q(a, x): the chi-square survival function with 2a degrees of freedom at 2x. */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logFactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x), then Q = 1 − P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(logFactor)));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.max(0, Math.exp(logFactor) * h));
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
function logGamma(x: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < g + 2; i++) sum += c[i]! / (shifted + i);
  const t = shifted + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}
