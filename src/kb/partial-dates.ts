/**
 * The pack's dates may be a year, a month or a day ("2025", "2025-05", "2025-05-10"). Comparisons treat a partial
 * start as its earliest possible day and a partial end as its latest, so "from 2025-01 to 2025" is in order and a
 * person whose office ended "in 2025" still held it on any day of 2025.
 */
export function earliestDay(date: string): string {
  return (date + '-00-00').slice(0, 10);
}

export function latestDay(date: string): string {
  return (date + '-99-99').slice(0, 10);
}

/** Whether `isoDay` (YYYY-MM-DD or a full timestamp) falls within a start and an optional end. */
export function within(isoDay: string, start: string, end: string | null | undefined): boolean {
  const day = isoDay.slice(0, 10);
  return earliestDay(start) <= day && (end == null || day <= latestDay(end));
}
