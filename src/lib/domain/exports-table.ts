// The neutral Table every export is built as (plain cells, typed columns, title lines), and
// the pieces the table builders share: a column listed once with the function that fills
// it, region names, the title rows naming the kegiatan and the angkatan.
import type { Batch, Event } from '#domain/model';
import { formatNip } from '#domain/nip';
import { nikProvinces } from '#domain/nik-regions';
import { findRegion, normalizeRegionCode, provinceOf } from '#domain/regions';
import { formatDaySpan, zoneAbbreviation } from '#domain/time';
import type { Lang } from '#domain/validation';
import { word, type Word } from '#domain/exports-words';

export type Cell = string | number | null;
/** 'code': text made of digits that must survive exactly (NIK, NIP, phone, registration
 * number, verification code): a spreadsheet must never read it as a number. */
export type ColumnKind = 'text' | 'code' | 'number' | 'date' | 'datetime';

export interface Column {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Suggested width in characters, for writers that size columns. */
  width?: number;
  /** A longer description shown under a short header (a session's full title). */
  note?: string;
}

export interface Table {
  /** Sheet or file name, in the chosen language (≤ 31 characters, no `/`: a valid sheet name). */
  name: string;
  /** Lines above the header: what the sheet is, the kegiatan, the angkatan. A spreadsheet
   * shows them; a CSV leaves them out, so that its first line stays the header. */
  title?: string[];
  columns: Column[];
  /** Plain cells: 'date' cells are `YYYY-MM-DD` days, 'datetime' cells UTC ISO instants,
   * null an empty cell (a walk-in's missing field is null, never "undefined"). */
  rows: Cell[][];
  /** Lines under the table (a key to its symbols); spreadsheet only, like the title. */
  notes?: string[];
  /** The event's IANA zone. Spreadsheet dates carry no zone, so writers show 'datetime'
   * cells as wall time here; datetime headers name the zone (e.g. "(WITA)"). */
  timezone?: string;
  /** Printed across an A4 page rather than down it: wide tables. */
  landscape?: boolean;
  /** On every printed page's head: "CONTOH (data rekaan)" for the demo event's sheets. */
  mark?: string;
}

export interface Options {
  lang?: Lang;
  /** The event's timezone (not the device's). */
  timezone: string;
  /** The event's province: regions elsewhere are named with their province. */
  provinceCode?: string;
}

/** A column with the function that fills its cells: a builder lists its columns once, so a
 * header can never drift away from its values. */
export interface Field<T> extends Column {
  cell: (item: T, index: number) => Cell;
}

/** A field maker for one language; a datetime column's header names the zone of its times. */
export function fields<T>(lang: Lang, timezone?: string) {
  const zone = timezone ? ` (${zoneAbbreviation(timezone)})` : '';
  return (key: Word, width: number, cell: Field<T>['cell'], kind: ColumnKind = 'text') => {
    const header = word(key, lang) + (kind === 'datetime' ? zone : '');
    return { key, header, kind, width, cell };
  };
}

export function table<T>(
  name: string,
  items: readonly T[],
  list: Field<T>[],
  extra: Partial<Pick<Table, 'timezone' | 'landscape' | 'notes'>> = {},
): Table {
  return {
    name,
    columns: list.map(({ cell: _, ...column }) => column),
    rows: items.map((item, i) => list.map((f) => f.cell(item, i))),
    ...extra,
  };
}

export const nip = (digits: string | undefined) => (digits ? formatNip(digits) : null);

/**
 * A kabupaten/kota by name, never by its code: "Kota Banjarmasin"; outside the event's
 * province with that province ("Kota Samarinda (Kalimantan Timur)"); a code the reference
 * data does not hold by its province ("Kabupaten/kota lain di Kalimantan Timur").
 */
export function regionLabel(code: string, provinceCode: string | undefined, lang: Lang): string {
  const region = findRegion(code);
  const province = (normalizeRegionCode(code) ?? code).slice(0, 2);
  const provinceName = provinceOf(code)?.name ?? nikProvinces[province]?.name;
  if (!region) {
    return provinceName
      ? word('otherRegion', lang, { province: provinceName })
      : word('unknownRegion', lang);
  }
  const outside = provinceCode !== undefined && province !== provinceCode.replace(/\D/g, '');
  return outside && provinceName ? `${region.name} (${provinceName})` : region.name;
}

export type TitleEvent = Pick<Event, 'name' | 'startDate' | 'endDate'> &
  Partial<Pick<Event, 'fiscalYear' | 'fundingSource' | 'demo'>>;

/**
 * The title rows of a sheet: what it is, the kegiatan, the angkatan (one, or all of them)
 * with its dates, and the Tahun Anggaran and funding source when the event names them, so
 * a printed page says what it belongs to.
 */
export function titleLines(
  heading: Word,
  event: TitleEvent,
  batches: readonly Pick<Batch, 'name' | 'startDate' | 'endDate'>[],
  lang: Lang,
  all: boolean,
): string[] {
  const [only] = batches;
  const batchLine =
    !all && only && batches.length === 1
      ? `${only.name} · ${formatDaySpan(only.startDate, only.endDate, lang)}`
      : [
          word('allBatches', lang) +
            (batches.length > 0 ? ` (${batches.map((b) => b.name).join(', ')})` : ''),
          formatDaySpan(event.startDate, event.endDate, lang),
        ].join(' · ');
  const budget = [
    event.fiscalYear ? `${word('fiscalYear', lang)} ${event.fiscalYear}` : '',
    event.fundingSource?.trim() ?? '',
  ].filter(Boolean);
  return [
    // A demo's sheet can never pass for a real one, printed or forwarded.
    event.demo ? `${word('demoMark', lang)} · ${word(heading, lang)}` : word(heading, lang),
    event.name,
    batchLine,
    ...(budget.length > 0 ? [budget.join(' · ')] : []),
  ];
}
