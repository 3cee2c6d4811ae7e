// Front-matter dates: what Hugo and Jekyll accept (YYYY-MM-DD, optionally with a time and an offset),
// whether the day exists, and how to turn a human-written date into that form.

import * as l10n from '@vscode/l10n';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export type DateCheck =
  | { ok: true }
  | { ok: false; reason: 'impossible'; message: string }
  | { ok: false; reason: 'format'; message: string; normalised?: string };

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function checkDate(value: string): DateCheck {
  const trimmed = value.trim();
  const match = ISO_DATE.exec(trimmed);
  if (match) {
    const [, y, m, d, hh, mm, ss] = match;
    const year = Number(y); const month = Number(m); const day = Number(d);
    if (month < 1 || month > 12) return { ok: false, reason: 'impossible', message: l10n.t('`{date}` has no month {month}.', { date: trimmed, month }) };
    const days = daysInMonth(year, month);
    if (day < 1 || day > days) return { ok: false, reason: 'impossible', message: l10n.t('`{date}` is not a real date: {month} {year} has {days} days.', { date: trimmed, month: monthName(month), year, days }) };
    if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 60))) {
      return { ok: false, reason: 'impossible', message: l10n.t('`{date}` has an impossible time of day.', { date: trimmed }) };
    }
    return { ok: true };
  }
  const normalised = normaliseDate(trimmed);
  return { ok: false, reason: 'format', message: normalised
    ? l10n.t('`{date}` is not a date the site generator reads; write YYYY-MM-DD ({normalised}).', { date: trimmed, normalised })
    : l10n.t('`{date}` is not a date the site generator reads; write YYYY-MM-DD.', { date: trimmed }), normalised };
}

/** The month's name in the messages' language (January … December in English). */
function monthName(month: number): string {
  const names = [l10n.t('January'), l10n.t('February'), l10n.t('March'), l10n.t('April'), l10n.t('May'), l10n.t('June'), l10n.t('July'), l10n.t('August'), l10n.t('September'), l10n.t('October'), l10n.t('November'), l10n.t('December')];
  return names[month - 1];
}

/** Turns `2025/02/01`, `2025-2-1`, `1 February 2025`, `Feb 1, 2025` into `2025-02-01`; undefined if unsure. */
export function normaliseDate(value: string): string | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  const valid = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (match) {
    const date = valid(Number(match[1]), Number(match[2]), Number(match[3]));
    if (!date) return undefined;
    return match[4] !== undefined ? `${date}T${pad(Number(match[4]))}:${match[5]}:${match[6] ?? '00'}` : date;
  }
  const monthIndex = (name: string) => MONTHS.findIndex(month => name.length >= 3 && month.startsWith(name.toLowerCase().replace(/\.$/, ''))) + 1;
  match = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(value);
  if (match && monthIndex(match[2]) > 0) return valid(Number(match[3]), monthIndex(match[2]), Number(match[1]));
  match = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
  if (match && monthIndex(match[1]) > 0) return valid(Number(match[3]), monthIndex(match[1]), Number(match[2]));
  return undefined;
}

/** Today as YYYY-MM-DD in local time. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
