// Dates and times in the event's timezone, written the Indonesian way:
// "Senin, 2 Juni 2025", "08.00 WITA", "08.00–10.30 WITA". Instants are stored as UTC
// ISO strings; the timezone belongs to the event, never to the device, because a
// tablet brought from Jakarta must still show WITA times for a Banjarmasin event.
//
// Strings are assembled from Intl parts rather than taken whole from Intl, because
// punctuation (commas, "pukul", time separators) differs between ICU versions.
import { isRealDate, type Lang } from '#domain/validation';

export const DEFAULT_TIMEZONE = 'Asia/Makassar';

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

// Indonesia's own abbreviations; Intl only knows "GMT+8" for these zones.
const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function parts(
  date: Date,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const out: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter(locale, options).formatToParts(date)) out[p.type] = p.value;
  return out;
}

function toDate(isoOrDate: string | Date): Date {
  const date = typeof isoOrDate === 'string' ? new Date(isoOrDate) : isoOrDate;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(isoOrDate)}`);
  return date;
}

/** WIB / WITA / WIT for Indonesian zones, otherwise Intl's short name (e.g. "GMT+8", "CEST"). */
export function zoneAbbreviation(tz: string, at: Date = new Date()): string {
  const known = INDONESIAN_ZONES[tz];
  if (known) return known;
  return parts(at, 'en-US', { timeZone: tz, timeZoneName: 'short' }).timeZoneName ?? tz;
}

/** id: "Senin, 2 Juni 2025"; en: "Monday, 2 June 2025". */
export function formatDate(isoOrDate: string | Date, tz: string, lang: Lang): string {
  const p = parts(toDate(isoOrDate), LOCALE[lang], {
    timeZone: tz,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return `${p.weekday}, ${p.day} ${p.month} ${p.year}`;
}

/**
 * A calendar day (`YYYY-MM-DD`, e.g. a batch's date), which has no timezone of its own:
 * id "Senin, 2 Juni 2025". Formatted at noon UTC so no zone can shift it a day.
 */
export function formatDay(day: string, lang: Lang): string {
  return formatDate(`${day}T12:00:00Z`, 'UTC', lang);
}

/** The words of a calendar day without its weekday, for documents: id "2", "Juni", "2025". */
function dayWords(day: string, lang: Lang) {
  const p = parts(toDate(`${day}T12:00:00Z`), LOCALE[lang], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return { d: p.day ?? '', m: p.month ?? '', y: p.year ?? '' };
}

/** id "2 Juni 2025" (as letters and certificates write a date). */
export function formatDayShort(day: string, lang: Lang): string {
  const p = dayWords(day, lang);
  return `${p.d} ${p.m} ${p.y}`;
}

/** Days as one span, the shared month and year once: "2–3 Juni 2025", "30 Juni – 2 Juli
 * 2025", "30 Desember 2025 – 2 Januari 2026", or one day alone. */
export function formatDaySpan(start: string, end: string, lang: Lang): string {
  if (start >= end) return formatDayShort(start, lang);
  const a = dayWords(start, lang);
  const b = dayWords(end, lang);
  if (a.y !== b.y) return `${formatDayShort(start, lang)} – ${formatDayShort(end, lang)}`;
  if (a.m !== b.m) return `${a.d} ${a.m} – ${b.d} ${b.m} ${b.y}`;
  return `${a.d}–${b.d} ${b.m} ${b.y}`;
}

/** "08.00" (id) or "08:00" (en), 24-hour, without the zone. */
function clock(date: Date, tz: string, lang: Lang): string {
  const p = parts(date, 'en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${p.hour}${lang === 'id' ? '.' : ':'}${p.minute}`;
}

/** id: "08.00 WITA"; en: "08:00 WITA". */
export function formatTime(isoOrDate: string | Date, tz: string, lang: Lang): string {
  const date = toDate(isoOrDate);
  return `${clock(date, tz, lang)} ${zoneAbbreviation(tz, date)}`;
}

/** id: "08.00–10.30 WITA"; en: "08:00–10:30 WITA". */
export function formatTimeRange(
  startIso: string | Date,
  endIso: string | Date,
  tz: string,
  lang: Lang,
): string {
  const start = toDate(startIso);
  const end = toDate(endIso);
  return `${clock(start, tz, lang)}–${clock(end, tz, lang)} ${zoneAbbreviation(tz, start)}`;
}

/** id: "Senin, 2 Juni 2025, 08.00 WITA". */
export function formatDateTime(isoOrDate: string | Date, tz: string, lang: Lang): string {
  return `${formatDate(isoOrDate, tz, lang)}, ${formatTime(isoOrDate, tz, lang)}`;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(date: Date, tz: string): WallTime {
  const p = parts(date, 'en-US', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The calendar day (YYYY-MM-DD) of an instant in tz: which check-in day it counts for. */
export function localDay(isoOrDate: string | Date, tz: string): string {
  const w = wallTime(toDate(isoOrDate), tz);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The wall clock (HH:MM, 24 h) of an instant in tz: the value of a time input. */
export function localTime(isoOrDate: string | Date, tz: string): string {
  return clock(toDate(isoOrDate), tz, 'en');
}

/** Today's calendar day in tz. */
export function todayIn(tz: string): string {
  return localDay(new Date(), tz);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The wall time shown in tz at an instant, as if that wall time were UTC (ms). */
function wallClockMs(epochMs: number, tz: string): number {
  const w = wallTime(new Date(epochMs), tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Milliseconds to add to UTC to get the wall time in tz at that instant. */
function offsetAt(epochMs: number, tz: string): number {
  return wallClockMs(epochMs, tz) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Wall-clock time in tz -> UTC ISO string: ('2025-06-02', '08:00', 'Asia/Makassar') ->
 * '2025-06-02T00:00:00.000Z'. The offset comes from Intl, never from a fixed table, so
 * zones with daylight saving work too: a time repeated by a fall-back gives the earlier
 * instant, a time skipped by a spring-forward gap moves forward as the clocks did.
 */
export function zonedTimeToIso(day: string, time: string, tz: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`Invalid day or time: ${day} ${time}`);
  const [year, month, date] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (!isRealDate(year, month, date) || hour > 23 || minute > 59) {
    throw new RangeError(`Invalid day or time: ${day} ${time}`);
  }
  const wallAsUtc = Date.UTC(year, month - 1, date, hour, minute);
  // The offsets a day before and after bracket any transition near this wall time.
  const before = offsetAt(wallAsUtc - DAY_MS, tz);
  const after = offsetAt(wallAsUtc + DAY_MS, tz);
  const matching = [wallAsUtc - before, wallAsUtc - after]
    .filter((instant) => wallClockMs(instant, tz) === wallAsUtc)
    .sort((a, b) => a - b);
  // No match: the wall time is in a gap; keep the old offset, which moves it forward.
  return new Date(matching[0] ?? wallAsUtc - before).toISOString();
}
