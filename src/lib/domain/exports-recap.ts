// The recap sheets of the laporan kegiatan: per kabupaten/kota (every one of the province,
// zeros included), the breakdown by gender, employment status, position and batch, and the
// register of the certificates the server issued.
import type { Batch } from '#domain/model';
import type { BreakdownRow, Counts, RegionRecap } from '#domain/recap';
import { employmentStatuses, labelOf, positions } from '#domain/reference';
import type { Lang } from '#domain/validation';
import { fields, nip, regionLabel, table, type Cell, type Table } from '#domain/exports-table';
import { word, yesNo, type Word } from '#domain/exports-words';

/** The recap per kabupaten/kota with its total as the last row. */
export function recapTable(
  recap: { rows: readonly RegionRecap[]; total: RegionRecap },
  { lang = 'id', provinceCode }: { lang?: Lang; provinceCode?: string } = {},
): Table {
  const f = fields<RegionRecap>(lang);
  const total = word('total', lang);
  // prettier-ignore
  const counts = [
    'registered', 'waitlisted', 'cancelled', 'male', 'female', 'walkins', 'arrived', 'eligible',
  ] as const;
  // prettier-ignore
  const intentions = [
    ['ya', 'intentionYa'], ['ragu', 'intentionRagu'], ['tidak', 'intentionTidak'],
    ['unknown', 'intentionUnknown'],
  ] as const;
  const list = [
    f('region', 30, (r) =>
      r === recap.total ? total : regionLabel(r.regionCode, provinceCode, lang),
    ),
    ...counts.map((k) => f(k, 11, (r) => r[k], 'number')),
    ...intentions.map(([code, k]) => f(k, 14, (r) => r.intention[code], 'number')),
  ];
  return table(word('recapSheet', lang), [...recap.rows, recap.total], list, { landscape: true });
}

const GROUP_WORD: Record<BreakdownRow['group'], Word> = {
  gender: 'gender',
  employmentStatus: 'employmentStatus',
  position: 'position',
  batch: 'batch',
};

/** The breakdown of the registered people, group by group, with the total last. */
export function breakdownTable(
  breakdown: { total: Counts; rows: readonly BreakdownRow[] },
  { lang = 'id', batches }: { lang?: Lang; batches: readonly Pick<Batch, 'id' | 'name'>[] },
): Table {
  const batchName = new Map(batches.map((b) => [b.id, b.name]));
  const itemOf = (r: BreakdownRow): string => {
    if (r.code === 'unknown') return word('notGiven', lang);
    if (r.group === 'gender') return word(r.code === 'P' ? 'P' : 'L', lang);
    if (r.group === 'employmentStatus') return labelOf(employmentStatuses, r.code, lang);
    if (r.group === 'position') return labelOf(positions, r.code, lang);
    return batchName.get(r.code) ?? r.code;
  };
  type Row = Counts & { group: string; item: string };
  const rows: Row[] = [
    ...breakdown.rows.map((r) => ({
      ...r,
      group: word(GROUP_WORD[r.group], lang),
      item: itemOf(r),
    })),
    { ...breakdown.total, group: word('total', lang), item: word('allParticipants', lang) },
  ];
  const f = fields<Row>(lang);
  const list = [
    f('group', 20, (r) => r.group),
    f('item', 36, (r) => r.item),
    f('registered', 12, (r) => r.registered, 'number'),
    f('arrived', 12, (r) => r.arrived, 'number'),
    f('eligible', 14, (r) => r.eligible, 'number'),
  ];
  return table(word('breakdownSheet', lang), rows, list);
}

/** One issued certificate as the register lists it (IssuedCertificate has these fields). */
export interface RegisterCertificate {
  number: string;
  fullName: string;
  nip?: string | undefined;
  batchName: string;
  jp: number;
  /** Ends in the verification code (`…/#/verify/<code>`). */
  verifyUrl: string;
  /** Set on a revoked certificate, when the list carries those. */
  revoked?: boolean | undefined;
}

/** The server's certificate list (CertificateList): the certificates and how many were
 * revoked, the revoked ones themselves only when the list holds them. */
export interface CertificateRegisterSource {
  certificates: readonly RegisterCertificate[];
  revoked: number;
}

/** The register's source from the server's certificate list: the current certificates,
 * then the revoked ones, flagged, when the list carries them. */
export function registerSource(list: {
  certificates: readonly RegisterCertificate[];
  revoked: number;
  revokedCertificates?: readonly RegisterCertificate[] | undefined;
}): CertificateRegisterSource {
  const revoked = (list.revokedCertificates ?? []).map((c) => ({ ...c, revoked: true }));
  return { certificates: [...list.certificates, ...revoked], revoked: list.revoked };
}

/** The verification code a certificate's QR and URL carry. */
export function verificationCode(verifyUrl: string): string {
  return (
    /\/verify\/([^/?#]+)/.exec(verifyUrl)?.[1] ?? verifyUrl.slice(verifyUrl.lastIndexOf('/') + 1)
  );
}

/**
 * The register of issued certificates: number, name, NIP, batch, JP, verification code,
 * revoked or not. It says in a row what it cannot list, rather than being silently empty:
 * no list on this device (`source` undefined: never fetched), none issued, revoked
 * certificates the list does not carry. `batchNames` keeps one batch's certificates.
 */
export function certificateRegisterTable(
  source: CertificateRegisterSource | undefined,
  { lang = 'id', batchNames }: { lang?: Lang; batchNames?: readonly string[] } = {},
): Table {
  const keep = batchNames ? new Set(batchNames) : undefined;
  const list = (source?.certificates ?? []).filter((c) => !keep || keep.has(c.batchName));
  const f = fields<RegisterCertificate>(lang);
  const columns = [
    f('no', 5, (_, i) => i + 1, 'number'),
    f('certificateNumber', 34, (c) => c.number),
    f('fullName', 34, (c) => c.fullName),
    f('nip', 23, (c) => nip(c.nip), 'code'),
    f('batch', 14, (c) => c.batchName),
    f('jp', 7, (c) => c.jp, 'number'),
    f('verificationCode', 16, (c) => verificationCode(c.verifyUrl), 'code'),
    f('revoked', 9, (c) => yesNo(c.revoked === true, lang)),
  ];
  const sheet = table(word('certificatesSheet', lang), list, columns, { landscape: true });
  // A message sits in the number column, the rest of its row empty.
  const say = (text: string): Cell[] =>
    columns.map((c) => (c.key === 'certificateNumber' ? text : null));
  if (!source) sheet.rows.push(say(word('noCertificateList', lang)));
  else if (list.length === 0) sheet.rows.push(say(word('noCertificates', lang)));
  const unlisted = source
    ? source.revoked - source.certificates.filter((c) => c.revoked).length
    : 0;
  // Per batch the count cannot be split (the list does not say whose they were): all only.
  if (unlisted > 0 && !keep)
    sheet.rows.push(say(word('revokedNotListed', lang, { count: unlisted })));
  return sheet;
}
