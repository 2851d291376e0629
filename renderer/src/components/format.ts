// How numbers, money and dates read on screen. One place, so the queue, the detail panel and later
// screens agree.

/** Amounts are stored in cents without a currency; the workspace currency becomes a setting later. */
const CURRENCY = 'USD';

const locale = (): string => (typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US');

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const numberFormat = (key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const id = `n:${locale()}:${key}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(), options);
    cache.set(id, f);
  }
  return f;
};
const dateFormat = (key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const id = `d:${locale()}:${key}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), options);
    cache.set(id, f);
  }
  return f;
};

export const NOT_SET = '—';

export const formatCount = (n: number): string => numberFormat('count', {}).format(n);

export const formatCents = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? NOT_SET : numberFormat('money', { style: 'currency', currency: CURRENCY }).format(cents / 100);

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})/;
const HAS_ZONE = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * A calendar date. Incident and policy dates are the date where it happened, so they are shown as
 * written, never shifted into the viewer's time zone.
 */
export const formatDate = (value: string | null | undefined): string => {
  const m = value ? DATE_ONLY.exec(value) : null;
  if (!m) return value || NOT_SET;
  return dateFormat('date', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
};

/**
 * A moment. Values with a zone (event times) are shown in the viewer's zone; values without one
 * (an incident's local time as reported) are shown as written.
 */
export const formatDateTime = (value: string | null | undefined): string => {
  if (!value) return NOT_SET;
  const zoned = HAS_ZONE.test(value);
  const date = new Date(zoned ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) return value;
  return zoned
    ? dateFormat('datetime', { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    : dateFormat('datetime-utc', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
};

/** A count core stopped at its cap reads as "100,000+". */
const formatTotal = (n: number, exact: boolean): string => `${formatCount(n)}${exact ? '' : '+'}`;

export const formatCaseCount = (n: number, exact = true): string => `${formatTotal(n, exact)} ${n === 1 && exact ? 'case' : 'cases'}`;

/** "1–50 of 3,040" */
export const formatRange = (start: number, end: number, total: number, exact = true): string =>
  total === 0 ? 'No cases' : `${formatCount(start)}–${formatCount(end)} of ${formatTotal(total, exact)}`;
