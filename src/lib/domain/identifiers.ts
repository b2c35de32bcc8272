// The identifiers of stored records (already schema-parsed), checked with the same rules
// as the forms that made them. The server runs these on every participant.register and
// participant.patch, since a request need not come from the form (an older client, an
// import, a hand-made request), and uses them to list rows already in a database that
// fail rules added later. The schema only says "18 digits"; these say "a real NIP".
// The name is checked here too: the schema takes any 200 characters, the documents print
// only some (names.ts).
import { parseEmail } from '#domain/email';
import type { Event, Participant } from '#domain/model';
import { parsePersonName } from '#domain/names';
import { parseNik } from '#domain/nik';
import { isNikProvince } from '#domain/nik-regions';
import { parseAsnNumberFor } from '#domain/nip';
import { parsePhone } from '#domain/phone';
import { findRegion, provinces } from '#domain/regions';
import { validateEvent, type SetupCode } from '#domain/setup';
import type { Check, ValidationCode, ValidationParams } from '#domain/validation';

export type IdentifierField = 'fullName' | 'nip' | 'nik' | 'phone' | 'email' | 'regionCode';

export interface IdentifierIssue {
  field: IdentifierField;
  code: ValidationCode;
  params?: ValidationParams;
}

export interface IdentifierContext {
  /** The event's province ('63'): its kabupaten/kota are the only ones allowed. */
  provinceCode: string;
  /** The clock of every date rule (retirement, a child's NIK, a TMT in the future). */
  today?: Date;
}

/**
 * What is wrong with a participant's name, NIP, NIK, phone, email and kabupaten/kota, in
 * that order; empty when nothing is. Only identifiers that are present are checked: whether
 * one is required (a NIP for ASN, a NIK when the event collects it) is the form's and
 * the schema's concern. A stored value must also be in the form the form stores (E.164
 * phone, '63.71' region code), since lookups and quotas compare the stored string.
 */
export function participantIdentifierIssues(
  p: Participant,
  ctx: IdentifierContext,
): IdentifierIssue[] {
  const issues: IdentifierIssue[] = [];
  const issue = (field: IdentifierField, code: ValidationCode, params?: ValidationParams) =>
    issues.push(params ? { field, code, params } : { field, code });
  const take = (field: IdentifierField, check: Check<string>) => {
    if (!check.ok) issue(field, check.code, check.params);
    return check.ok ? check.value : undefined;
  };
  const opts = {
    ...(p.gender ? { gender: p.gender } : {}),
    ...(ctx.today ? { today: ctx.today } : {}),
  };

  take('fullName', parsePersonName(p.fullName));
  if (p.nip !== undefined) take('nip', parseAsnNumberFor(p.employmentStatus, p.nip, opts));
  if (p.nik !== undefined) take('nik', parseNik(p.nik, opts));
  if (p.phone !== undefined) {
    const phone = take('phone', parsePhone(p.phone));
    // '+62081…' parses, but the form would have stored '+6281…'.
    if (phone !== undefined && phone !== p.phone) issue('phone', 'phone.format');
  }
  // A blank email is no email: the form stores none rather than ''.
  if (p.email !== undefined && p.email.trim() !== '') take('email', parseEmail(p.email));
  const region = findRegion(p.regionCode);
  if (!region || region.code !== p.regionCode) issue('regionCode', 'choice');
  else if (!region.code.startsWith(`${ctx.provinceCode}.`)) issue('regionCode', 'region.outside');
  return issues;
}

export interface EventIdentifierIssue {
  /** As validateEvent names it: 'provinceCode', 'official.nip', 'committee.2.nip', 'quota.63.71'. */
  field: string;
  code: SetupCode;
}

const SIGNER_NIP = /^(official|approver|certificate\.signatory|committee\.\d+)\.nip$/;

/**
 * What is wrong with an event's identifiers: its province, the NIPs of its official,
 * certificate signatory and committee (validateEvent's own rule), the kabupaten/kota
 * its quotas name, and the certificate threshold (above 0). The rest of validateEvent
 * (names, dates, other settings) is left out.
 */
export function eventIdentifierIssues(e: Event, today?: Date): EventIdentifierIssue[] {
  const issues: EventIdentifierIssue[] = [];
  // The registration form lists the province's kabupaten/kota from regions.ts; a province
  // only the NIK table knows is still a real one, whose list can be added later.
  const knownProvince = provinces.some((p) => p.code === e.provinceCode);
  if (!knownProvince && !isNikProvince(e.provinceCode)) {
    issues.push({ field: 'provinceCode', code: 'province' });
  }
  const errors = validateEvent(e, today ? { today } : {});
  for (const [field, code] of Object.entries(errors)) {
    if (!code) continue;
    // The attendance threshold too: at 0% everyone would earn a certificate, and the
    // exports and dashboard would say so before any issuing refused it.
    const identifier =
      SIGNER_NIP.test(field) ||
      (field.startsWith('quota.') && code === 'quotaRegion') ||
      field === 'certificateThreshold';
    if (identifier) issues.push({ field, code });
  }
  // validateEvent finds '6371' as a region, but quotas are looked up by the stored
  // participant's '63.71': a key in another spelling would never apply.
  for (const code of Object.keys(e.regionQuotas ?? {})) {
    const region = findRegion(code);
    if (region && region.code !== code)
      issues.push({ field: `quota.${code}`, code: 'quotaRegion' });
  }
  return issues;
}

/** A registration whose stored identifiers fail the rules (kept; listed for the organiser). */
export interface InvalidRegistration {
  person: Participant;
  issues: IdentifierIssue[];
}

/**
 * The registrations (cancelled ones too: they are still personal data held) whose
 * identifiers fail today's rules: rows stored before a rule existed, or by an older app.
 * The organiser corrects them; nothing is deleted for it.
 */
export function invalidRegistrations(
  participants: readonly Participant[],
  ctx: IdentifierContext,
): InvalidRegistration[] {
  return participants.flatMap((person) => {
    const issues = participantIdentifierIssues(person, ctx);
    return issues.length > 0 ? [{ person, issues }] : [];
  });
}
