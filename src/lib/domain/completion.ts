// Completing a walk-in: the fields the desk does not ask for (employment status, NIP,
// gender, position, library type, phone, certification intention), judged by the
// registration form's own rules (validateRegistration), so a completed walk-in meets what a
// self-registration meets. Used by the organiser's CompleteWalkin form, opened from the
// dashboard's attention list. Kept apart from dashboard.ts, which only counts: this is a
// form's rules, not a statistic.
import { FULL_REGISTRATION_FIELDS, type Participant } from '#domain/model';
import { formatPhone } from '#domain/phone';
import {
  emptyRegistrationForm,
  validateRegistration,
  type FieldIssue,
  type Registration,
} from '#domain/registration';

/** What a walk-in lacks of a full registration, and its NIP (the desk may have a phone only). */
export const completionFields = [...FULL_REGISTRATION_FIELDS, 'nip'] as const;
export type CompletionField = (typeof completionFields)[number];
export type CompletionForm = Record<CompletionField, string>;
export type Completion = Pick<
  Registration,
  'employmentStatus' | 'gender' | 'position' | 'libraryType' | 'phone' | 'certificationIntention'
> & { nip?: string };

/** The form, started from what the desk already has (NIP, phone). */
export function completionForm(p: Participant): CompletionForm {
  return {
    employmentStatus: p.employmentStatus ?? '',
    nip: p.nip ?? '',
    gender: p.gender ?? '',
    position: p.position ?? '',
    libraryType: p.libraryType ?? '',
    phone: p.phone ? formatPhone(p.phone) : '',
    certificationIntention: p.certificationIntention ?? '',
  };
}

export function validateCompletion(
  p: Participant,
  form: CompletionForm,
  today?: Date,
): { ok: true; value: Completion } | { ok: false; issues: FieldIssue[] } {
  const r = validateRegistration(
    {
      ...emptyRegistrationForm(),
      fullName: p.fullName,
      institution: p.institution,
      regionCode: p.regionCode,
      batchId: p.batchId,
      rank: p.rank ?? '',
      email: p.email ?? '',
      consent: true, // given at the desk in person; not this form's question
      ...form,
    },
    // The person's own province and batch: this form judges what it asks for, not the
    // fields the desk already checked. NIK is not asked of walk-ins.
    {
      collectNik: false,
      provinceCode: p.regionCode.split('.')[0]!,
      batchIds: [p.batchId],
      today,
    },
  );
  if (!r.ok) return r;
  const v = r.value;
  return {
    ok: true,
    value: {
      employmentStatus: v.employmentStatus,
      ...(v.nip ? { nip: v.nip } : {}),
      gender: v.gender,
      position: v.position,
      libraryType: v.libraryType,
      phone: v.phone,
      certificationIntention: v.certificationIntention,
    },
  };
}
