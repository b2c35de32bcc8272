// A walk-in at the desk: a person who did not register, checked in with a short form
// (name, NIP or phone, institution, kabupaten/kota, batch) and flagged for the organiser
// to complete. Before they are added, people who are likely the same are shown, because
// a second record of one person splits their attendance (and certificate) in two.
import { parsePersonName } from '#domain/names';
import { nameSearchKey } from '#domain/search';
import { parseAsnNumberAnyKind } from '#domain/nip';
import { parsePhone } from '#domain/phone';
import { findRegion } from '#domain/regions';
import type { ValidationCode, ValidationParams } from '#domain/validation';

export interface WalkinForm {
  fullName: string;
  nip: string;
  phone: string;
  institution: string;
  regionCode: string;
  batchId: string;
}
const walkinFields = [
  'fullName',
  'nip',
  'phone',
  'institution',
  'regionCode',
  'batchId',
] as const satisfies readonly (keyof WalkinForm)[];
export type WalkinField = (typeof walkinFields)[number];

export interface Walkin {
  fullName: string;
  nip?: string;
  phone?: string;
  institution: string;
  regionCode: string;
  batchId: string;
}

export interface WalkinIssue {
  field: WalkinField;
  code: ValidationCode;
  params?: ValidationParams;
}

export const emptyWalkinForm = (batchId = ''): WalkinForm => ({
  fullName: '',
  nip: '',
  phone: '',
  institution: '',
  regionCode: '',
  batchId,
});

export function validateWalkin(
  form: WalkinForm,
  ctx: { provinceCode: string; batchIds: readonly string[]; today?: Date },
): { ok: true; value: Walkin } | { ok: false; issues: WalkinIssue[] } {
  const issues: WalkinIssue[] = [];
  const issue = (field: WalkinField, code: ValidationCode, params?: ValidationParams) =>
    issues.push(params ? { field, code, params } : { field, code });
  const text = (field: WalkinField, value: string) => {
    const v = value.trim().replace(/\s+/g, ' ');
    if (!v) issue(field, 'required');
    else if (v.length > 200) issue(field, 'tooLong', { max: 200 });
    return v;
  };
  const name = parsePersonName(form.fullName);
  if (!name.ok) issue('fullName', name.code, name.params);
  const fullName = name.ok ? name.value : '';
  let nip: string | undefined;
  if (form.nip.trim()) {
    // The desk does not ask PNS or PPPK: either number is accepted.
    const parsed = parseAsnNumberAnyKind(form.nip, ctx.today ? { today: ctx.today } : {});
    if (parsed.ok) nip = parsed.value;
    else issue('nip', parsed.code, parsed.params);
  }
  let phone: string | undefined;
  if (form.phone.trim()) {
    const parsed = parsePhone(form.phone);
    if (parsed.ok) phone = parsed.value;
    else issue('phone', parsed.code, parsed.params);
  }
  if (!form.nip.trim() && !form.phone.trim()) issue('nip', 'walkin.contact');
  const institution = text('institution', form.institution);
  const region = form.regionCode ? findRegion(form.regionCode) : undefined;
  if (!form.regionCode) issue('regionCode', 'required');
  else if (!region) issue('regionCode', 'choice');
  else if (!region.code.startsWith(`${ctx.provinceCode}.`)) issue('regionCode', 'region.outside');
  if (!form.batchId) issue('batchId', 'required');
  else if (!ctx.batchIds.includes(form.batchId)) issue('batchId', 'choice');

  if (issues.length > 0) {
    const order = (f: WalkinField) => walkinFields.indexOf(f);
    return { ok: false, issues: issues.sort((a, b) => order(a.field) - order(b.field)) };
  }
  return {
    ok: true,
    value: {
      fullName,
      ...(nip ? { nip } : {}),
      ...(phone ? { phone } : {}),
      institution,
      regionCode: region!.code,
      batchId: form.batchId,
    },
  };
}

export interface DuplicateCandidate {
  id: string;
  fullName: string;
  institution: string;
  nip?: string | undefined;
  phone?: string | undefined;
}

export type DuplicateReason = 'nip' | 'phone' | 'name';

/** Levenshtein distance, stopping early once it exceeds `max` (names are short). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** "siti aminah" within "siti nur aminah": a middle name left out (two words at least). */
function sameWords(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const words = short.split(' ');
  const within = new Set(long.split(' '));
  return words.length >= 2 && words.every((w) => within.has(w));
}

const institutionKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Who this walk-in probably already is: the same NIP or phone, or a similar name (titles,
 * case, diacritics and Muhammad's spellings ignored; a typo or two allowed) at the same
 * institution. Strongest reason first.
 */
export function likelyDuplicates<P extends DuplicateCandidate>(
  walkin: Pick<Walkin, 'fullName' | 'institution' | 'nip' | 'phone'>,
  people: readonly P[],
): { person: P; reason: DuplicateReason }[] {
  const name = nameSearchKey(walkin.fullName);
  const institution = institutionKey(walkin.institution);
  const out: { person: P; reason: DuplicateReason }[] = [];
  for (const p of people) {
    if (walkin.nip && p.nip === walkin.nip) out.push({ person: p, reason: 'nip' });
    else if (walkin.phone && p.phone === walkin.phone) out.push({ person: p, reason: 'phone' });
    else if (institutionKey(p.institution) === institution) {
      const other = nameSearchKey(p.fullName);
      const allowed = Math.min(2, Math.floor(Math.min(name.length, other.length) / 5));
      if (editDistance(name, other, allowed) <= allowed || sameWords(name, other))
        out.push({ person: p, reason: 'name' });
    }
  }
  const rank: Record<DuplicateReason, number> = { nip: 0, phone: 1, name: 2 };
  return out.sort((a, b) => rank[a.reason] - rank[b.reason]);
}
