export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
export const median = (v) => quantile(v, 0.5);
export const p95 = (v) => quantile(v, 0.95);
export const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
export function summary(values) {
  return { n: values.length, median: round(median(values)), p95: round(p95(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
}
/**
 * D1 round trips of a request, from the development meter's `X-D1-Round-Trips` header over a few metered samples:
 * { value: the median (the value, when constant), min, max, samples }, or null when no sample had the header.
 */
export function tripsSummary(samples) {
  const values = samples.filter(Number.isFinite);
  if (values.length === 0) return null;
  return { value: round(median(values)), min: Math.min(...values), max: Math.max(...values), samples: values };
}
/** The header as a number (NaN when absent). */
export const tripsHeader = (headers) => {
  const h = headers?.get?.("X-D1-Round-Trips");
  return h === null || h === undefined ? NaN : Number(h);
};
