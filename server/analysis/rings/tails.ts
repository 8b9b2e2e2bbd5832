/** Tails of the counting distributions the chance tests use. Pure functions. */

/** The chance of at least `k` events when `mean` are expected (Poisson upper tail). */
export function poissonTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  // The first term e^-mean mean^k / k!, then each from the last.
  let logTerm = -mean + k * Math.log(mean);
  for (let i = 2; i <= k; i += 1) logTerm -= Math.log(i);
  let term = Math.exp(logTerm);
  let sum = term;
  for (let x = k + 1; term > 1e-16 * sum && x < k + 10_000; x += 1) {
    term *= mean / x;
    sum += term;
  }
  return Math.min(1, sum);
}

/**
 * log10 of the chance that at least `m` of `k` independent tries succeed, each with chance `q`
 * (the binomial upper tail).
 */
export function binomialTail(m: number, k: number, q: number): number {
  if (m <= 0) return 0;
  if (m > k || q <= 0) return -Infinity;
  if (q >= 1) return 0;
  // The first term, C(k, m) q^m (1 - q)^(k - m), then each from the last.
  let logTerm = m * Math.log(q) + (k - m) * Math.log1p(-q);
  for (let i = 0; i < m; i += 1) logTerm += Math.log((k - i) / (i + 1));
  let sum = 1;
  let term = 1;
  for (let x = m; x < k; x += 1) {
    term *= ((k - x) / (x + 1)) * (q / (1 - q));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return Math.min(0, (logTerm + Math.log(sum)) / Math.LN10);
}
