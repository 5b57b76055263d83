/** Calendar periods in the user's local time zone (budgets and the chart follow the user's day). */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD` of `date` in local time. */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM` of `date` in local time. */
export function monthKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

/** The `count` day keys ending with `end`'s day, oldest first. */
export function lastDays(end: Date, count: number): string[] {
  const days: string[] = [];
  for (let offset = count - 1; offset >= 0; offset--) {
    // Noon avoids daylight-saving edges when stepping whole days.
    days.push(dayKey(new Date(end.getFullYear(), end.getMonth(), end.getDate() - offset, 12)));
  }
  return days;
}
