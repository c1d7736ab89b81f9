/**
 * The one way a count or a total reads, in the app and in what the worker says to it (job
 * progress, notifications): digits grouped by thousands, "1,234,567", whatever the
 * workstation's locale, so figures read the same on every screen and in every report.
 */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return GROUPED.format(n);
}
