// The registration form's rules in one place, for the phone form, the walk-in form at the
// desk and the server alike: each field is checked alone, then across fields (the gender
// digit of NIP/NIK against the chosen gender; NIP only for ASN; NIK only when the event
// collects it). Issues come back in form order so the UI can focus the first one.
import { parseEmail } from '#domain/email';
import { parsePersonName } from '#domain/names';
import { parseNik } from '#domain/nik';
import { parseAsnNumberFor } from '#domain/nip';
import { parsePhone } from '#domain/phone';
import {
  certificationIntentionCodes,
  employmentStatusCodes,
  isAsn,
  libraryTypeCodes,
  positionCodes,
  type CertificationIntention,
  type EmploymentStatus,
  type LibraryType,
  type PositionCode,
} from '#domain/reference';
import { findRegion } from '#domain/regions';
import type { Check, Gender, ValidationCode, ValidationParams } from '#domain/validation';

/** What a person typed or chose, untrusted. */
export interface RegistrationForm {
  fullName: string;
  employmentStatus: string;
  nip: string;
  nik: string;
  gender: string;
  position: string;
  rank: string;
  institution: string;
  regionCode: string;
  libraryType: string;
  phone: string;
  email: string;
  batchId: string;
  certificationIntention: string;
  consent: boolean;
}

const registrationFields = [
  'fullName',
  'employmentStatus',
  'nip',
  'nik',
  'gender',
  'position',
  'rank',
  'institution',
  'regionCode',
  'libraryType',
  'phone',
  'email',
  'batchId',
  'certificationIntention',
  'consent',
] as const satisfies readonly (keyof RegistrationForm)[];
export type RegistrationField = (typeof registrationFields)[number];

/** The cleaned values, ready to become a Participant. */
export interface Registration {
  fullName: string;
  employmentStatus: EmploymentStatus;
  nip?: string;
  nik?: string;
  gender: Gender;
  position: PositionCode;
  rank?: string;
  institution: string;
  regionCode: string;
  libraryType: LibraryType;
  phone: string;
  email?: string;
  batchId: string;
  certificationIntention: CertificationIntention;
}

export interface FieldIssue {
  field: RegistrationField;
  code: ValidationCode;
  params?: ValidationParams;
}

export interface RegistrationContext {
  collectNik: boolean;
  provinceCode: string;
  batchIds: readonly string[];
  today?: Date;
}

export const emptyRegistrationForm = (): RegistrationForm => ({
  fullName: '',
  employmentStatus: '',
  nip: '',
  nik: '',
  gender: '',
  position: '',
  rank: '',
  institution: '',
  regionCode: '',
  libraryType: '',
  phone: '',
  email: '',
  batchId: '',
  certificationIntention: '',
  consent: false,
});

const oneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

export function validateRegistration(
  form: RegistrationForm,
  ctx: RegistrationContext,
): { ok: true; value: Registration } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (field: RegistrationField, code: ValidationCode, params?: ValidationParams) =>
    issues.push(params ? { field, code, params } : { field, code });
  const take = <T>(field: RegistrationField, check: Check<T>): T | undefined => {
    if (check.ok) return check.value;
    issue(field, check.code, check.params);
    return undefined;
  };
  const text = (field: RegistrationField, value: string, max: number, required = true) => {
    const v = value.trim().replace(/\s+/g, ' ');
    if (!v && required) issue(field, 'required');
    else if (v.length > max) issue(field, 'tooLong', { max });
    return v;
  };
  const choice = <T extends string>(field: RegistrationField, list: readonly T[], v: string) => {
    if (!v) issue(field, 'required');
    else if (!oneOf(list, v)) issue(field, 'choice');
    return v as T;
  };

  const fullName = take('fullName', parsePersonName(form.fullName)) ?? '';
  const employmentStatus = choice('employmentStatus', employmentStatusCodes, form.employmentStatus);
  const gender = choice('gender', ['L', 'P'] as const, form.gender);
  const knownGender = oneOf(['L', 'P'] as const, gender) ? gender : undefined;
  const opts = { ...(knownGender ? { gender: knownGender } : {}), today: ctx.today };

  let nip: string | undefined;
  if (oneOf(employmentStatusCodes, employmentStatus) && isAsn(employmentStatus)) {
    if (!form.nip.trim()) issue('nip', 'required');
    else nip = take('nip', parseAsnNumberFor(employmentStatus, form.nip, opts));
  }
  let nik: string | undefined;
  if (ctx.collectNik) {
    if (!form.nik.trim()) issue('nik', 'required');
    else nik = take('nik', parseNik(form.nik, opts));
  }
  // Checks run in dependency order; issues are sorted into form order at the end.
  const position = choice('position', positionCodes, form.position);
  const rank = text('rank', form.rank, 100, false);
  const institution = text('institution', form.institution, 200);
  const region = form.regionCode ? findRegion(form.regionCode) : undefined;
  if (!form.regionCode) issue('regionCode', 'required');
  else if (!region) issue('regionCode', 'choice');
  else if (!region.code.startsWith(`${ctx.provinceCode}.`)) issue('regionCode', 'region.outside');
  const libraryType = choice('libraryType', libraryTypeCodes, form.libraryType);
  const phone = form.phone.trim() ? take('phone', parsePhone(form.phone)) : undefined;
  if (!form.phone.trim()) issue('phone', 'required');
  const email = form.email.trim() ? take('email', parseEmail(form.email)) : undefined;
  const batchId = choice('batchId', ctx.batchIds, form.batchId);
  const certificationIntention = choice(
    'certificationIntention',
    certificationIntentionCodes,
    form.certificationIntention,
  );
  if (!form.consent) issue('consent', 'consent');

  if (issues.length > 0) {
    const order = (f: RegistrationField) => registrationFields.indexOf(f);
    return { ok: false, issues: issues.sort((a, b) => order(a.field) - order(b.field)) };
  }
  return {
    ok: true,
    value: {
      fullName,
      employmentStatus,
      ...(nip ? { nip } : {}),
      ...(nik ? { nik } : {}),
      gender: gender as Gender,
      position,
      ...(rank ? { rank } : {}),
      institution,
      regionCode: region!.code,
      libraryType,
      phone: phone!,
      ...(email ? { email } : {}),
      batchId,
      certificationIntention,
    },
  };
}

/** What a person may correct on their own ticket (the server allows the same fields). */
export interface Correction {
  fullName: string;
  institution: string;
  phone: string;
  email: string;
}
export type CorrectionField = keyof Correction;

export function validateCorrection(form: Correction):
  | { ok: true; value: { fullName: string; institution: string; phone: string; email?: string } }
  | {
      ok: false;
      issues: { field: CorrectionField; code: ValidationCode; params?: ValidationParams }[];
    } {
  const issues: { field: CorrectionField; code: ValidationCode; params?: ValidationParams }[] = [];
  const clean = (v: string) => v.trim().replace(/\s+/g, ' ');
  const name = parsePersonName(form.fullName);
  const fullName = name.ok ? name.value : '';
  const institution = clean(form.institution);
  if (!name.ok)
    issues.push({
      field: 'fullName',
      code: name.code,
      ...(name.params ? { params: name.params } : {}),
    });
  if (!institution) issues.push({ field: 'institution', code: 'required' });
  else if (institution.length > 200)
    issues.push({ field: 'institution', code: 'tooLong', params: { max: 200 } });
  const phone = parsePhone(form.phone);
  if (!form.phone.trim()) issues.push({ field: 'phone', code: 'required' });
  else if (!phone.ok)
    issues.push({
      field: 'phone',
      code: phone.code,
      ...(phone.params ? { params: phone.params } : {}),
    });
  const email = form.email.trim() ? parseEmail(form.email) : undefined;
  if (email && !email.ok) issues.push({ field: 'email', code: email.code });
  if (issues.length > 0 || !phone.ok) return { ok: false, issues };
  return {
    ok: true,
    value: {
      fullName,
      institution,
      phone: phone.value,
      ...(email?.ok ? { email: email.value } : {}),
    },
  };
}
