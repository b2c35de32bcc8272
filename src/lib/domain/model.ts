// The entities of the whole product, as zod/mini schemas (small on the client path)
// with their inferred types. Field names are English; values shown to people come from
// the reference data and the message catalog.
import * as z from 'zod/mini';
import {
  certificationIntentionCodes,
  employmentStatusCodes,
  libraryTypeCodes,
  positionCodes,
} from '#domain/reference';
import type { Gender } from '#domain/validation';
import { DEFAULT_TIMEZONE } from '#domain/time';
import { MAX_SIGNATURE_CHARS, SIGNATURE_PATTERN } from '#domain/signature';

export const id = () => z.string().check(z.minLength(1), z.maxLength(64));
const text = (max = 200) => z.string().check(z.maxLength(max));
const requiredText = (max = 200) => z.string().check(z.minLength(1), z.maxLength(max));
/** A calendar day, `YYYY-MM-DD`, in the event's timezone. */
export const day = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** An instant, ISO 8601 in UTC (`2025-06-02T00:00:00.000Z`). */
export const instant = () => z.iso.datetime();

export const genderCodes = ['L', 'P'] as const satisfies readonly Gender[];
const participantSources = ['self', 'walkin', 'import'] as const;
export const participantStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export const checkinMethods = ['qr', 'search', 'walkin'] as const;
export const attendanceStatuses = ['hadir', 'terlambat', 'izin', 'sakit', 'tidak_hadir'] as const;

export const DEFAULT_MINUTES_PER_JP = 45;
export const DEFAULT_CERTIFICATE_THRESHOLD = 80; // percent of sessions' JP attended

/** The official who signs the daftar hadir (ketua panitia / PPTK). */
export const Official = z.object({
  name: text(),
  title: text(),
  nip: text(30),
});

export const committeeRoles = ['narasumber', 'panitia'] as const;
export type CommitteeRole = (typeof committeeRoles)[number];

/** A narasumber or panitia member: they sign their own daftar hadir (per diem and honoraria
 * are paid against it), apart from the participants'. */
export const CommitteeMember = z.object({
  id: id(),
  role: z.enum(committeeRoles),
  name: requiredText(200),
  /** NIP, digits only, when the person is ASN. */
  nip: z.optional(z.string().check(z.regex(/^\d{18}$/))),
  /** Jabatan / instansi as it should appear on the sheet. */
  position: text(200),
  /** The days (`YYYY-MM-DD`) a panitia member serves; unset: every day of the event. A
   * narasumber's days follow the sessions they speak in. */
  days: z.optional(z.array(day()).check(z.maxLength(60))),
});
export type CommitteeMember = z.infer<typeof CommitteeMember>;

export const DEFAULT_CERTIFICATE_PATTERN = '{seq}/BIMTEK-LI/DISPERSIP/{year}';

/** How certificates are numbered and who signs them. Placeholders: {seq} (001, 002…),
 * {year}, {month} (Roman, as in Indonesian letter numbers), {batch} (the batch code). */
export const CertificateSettings = z.object({
  numberPattern: z._default(
    z.string().check(z.minLength(1), z.maxLength(120), z.regex(/\{seq\}/)),
    DEFAULT_CERTIFICATE_PATTERN,
  ),
  signatory: z.optional(Official),
  /** Where it is signed, e.g. "Banjarbaru"; blank: the event's city. */
  place: z._default(text(100), ''),
  /** What the certificate states: the programme's JP (the usual practice: everyone who
   * passed followed the programme) or the JP the person earned. Unset: 'programme'. */
  jpBasis: z.optional(z.enum(['programme', 'earned'])),
  /** Print the letterhead's logos at the top (unset: no). */
  logos: z.optional(z.boolean()),
  /** A back page listing the sessions' materi and JP (unset: none). */
  backPage: z.optional(z.boolean()),
});
export type CertificateSettings = z.infer<typeof CertificateSettings>;

/** A logo as a data: URL (PNG or JPEG, at most ~64 KB): it travels with the event row to
 * every device that draws a document. */
export const LOGO_MAX_CHARS = 90_000;
export const Logo = z
  .string()
  .check(
    z.maxLength(LOGO_MAX_CHARS),
    z.regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/),
  );

/** The kop surat heading the office's documents. */
export const Letterhead = z.object({
  /** In capitals, e.g. "PEMERINTAH PROVINSI KALIMANTAN SELATAN", "DINAS PERPUSTAKAAN DAN
   * KEARSIPAN". */
  lines: z._default(z.array(text(200)).check(z.maxLength(3)), []),
  /** Street, city, telephone, as the office's letters print it. */
  address: z._default(text(300), ''),
  /** The first at the kop's left; a certificate shows all. */
  logos: z._default(z.array(Logo).check(z.maxLength(2)), []),
});
export type Letterhead = z.infer<typeof Letterhead>;

/** What remains of an event after its personal data is purged: counts, no people. */
export const PurgeSummary = z.object({
  at: instant(),
  participants: z.int(),
  cancelled: z.int(),
  byBatch: z.record(z.string(), z.int()),
  byRegion: z.record(z.string(), z.int()),
  byGender: z.record(z.string(), z.int()),
  checkedInByDay: z.record(z.string(), z.int()),
  /** Per session: how many people had each attendance state. */
  attendance: z.record(z.string(), z.record(z.string(), z.int())),
});
export type PurgeSummary = z.infer<typeof PurgeSummary>;

/** A Bimtek (kegiatan). */
export const Event = z.object({
  id: id(),
  name: requiredText(300),
  organizer: requiredText(200),
  venue: text(300),
  startDate: day(),
  endDate: day(),
  timezone: z._default(requiredText(64), DEFAULT_TIMEZONE),
  /** Province whose kabupaten/kota list the registration form offers. */
  provinceCode: z._default(requiredText(8), '63'),
  minutesPerJp: z._default(z.int().check(z.minimum(1), z.maximum(240)), DEFAULT_MINUTES_PER_JP),
  certificateThreshold: z._default(
    z.number().check(z.minimum(0), z.maximum(100)),
    DEFAULT_CERTIFICATE_THRESHOLD,
  ),
  /** Whether a late arrival (terlambat) counts toward JP and the certificate. */
  lateCountsAsPresent: z._default(z.boolean(), true),
  collectNik: z._default(z.boolean(), false),
  signatureAtCheckin: z._default(z.boolean(), false),
  registrationOpen: z._default(z.boolean(), true),
  participantsChooseBatch: z._default(z.boolean(), true),
  privacyNotice: z._default(text(4000), ''),
  retentionDays: z._default(z.int().check(z.minimum(1)), 365),
  /** Signs the daftar hadir: the PPTK or the ketua panitia. */
  official: z.optional(Official),
  /** "Mengetahui": the Kuasa Pengguna Anggaran or PPK, the daftar hadir's second signatory. */
  approver: z.optional(Official),
  /** The city where documents are signed ("Banjarmasin"), never the venue's address. */
  city: z.optional(text(100)),
  letterhead: z.optional(Letterhead),
  /** Tahun Anggaran, e.g. 2025. */
  fiscalYear: z.optional(z.int().check(z.minimum(2000), z.maximum(2100))),
  /** Sumber dana, e.g. "DAK Non Fisik" or "APBD". */
  fundingSource: z.optional(text(200)),
  /** Narasumber and panitia, for their daftar hadir. */
  committee: z._default(z.array(CommitteeMember).check(z.maxLength(200)), []),
  certificate: z.optional(CertificateSettings),
  /** Seats per kabupaten/kota (region code → seats), when the office shares them out. */
  regionQuotas: z.optional(z.record(z.string().check(z.maxLength(8)), z.int().check(z.minimum(0)))),
  /** Set by the server when the personal data was purged after the retention period. */
  purge: z.optional(PurgeSummary),
  /** Built-in demonstration data, never real people. */
  demo: z._default(z.boolean(), false),
});
export type Event = z.infer<typeof Event>;

/** An angkatan. */
export const Batch = z.object({
  id: id(),
  eventId: id(),
  name: requiredText(100),
  /** Short code used in registration numbers, e.g. `A1` in `KS-A1-042`. */
  code: z.string().check(z.regex(/^[A-Z0-9]{1,6}$/)),
  startDate: day(),
  endDate: day(),
  venue: text(300),
  capacity: z.int().check(z.minimum(0)),
  /** The date its certificates carry; unset: the batch's last day. */
  certificateDate: z.optional(day()),
});
export type Batch = z.infer<typeof Batch>;

export const Session = z.object({
  id: id(),
  eventId: id(),
  batchId: id(),
  title: requiredText(300),
  /** Narasumber / fasilitator. */
  speaker: text(200),
  room: text(100),
  start: instant(),
  end: instant(),
  jp: z.number().check(z.minimum(0), z.maximum(24)),
  /** Devices (trainer role) allowed to mark this session. */
  trainerDeviceIds: z._default(z.array(id()), []),
  /** Set when the trainer finished the session: marking is then the organiser's only.
   * Written by `session.close` alone (an upsert's copy is ignored by the server). */
  closedAt: z.optional(z.nullable(instant())),
});
export type Session = z.infer<typeof Session>;

/** What a registration (self or import) must have; a walk-in at the desk gives only a name,
 * NIP or phone, institution and region, and the organiser completes the rest later. */
export const FULL_REGISTRATION_FIELDS = [
  'employmentStatus',
  'gender',
  'position',
  'libraryType',
  'phone',
  'certificationIntention',
] as const;

export const Participant = z
  .object({
    id: id(),
    eventId: id(),
    batchId: id(),
    /** Full name as it should appear on the certificate, with academic titles. */
    fullName: requiredText(200),
    employmentStatus: z.optional(z.enum(employmentStatusCodes)),
    /** NIP (PNS) or NI PPPK, digits only; absent for Non-ASN. */
    nip: z.optional(z.string().check(z.regex(/^\d{18}$/))),
    /** Only when the event collects NIK; digits only. */
    nik: z.optional(z.string().check(z.regex(/^\d{16}$/))),
    gender: z.optional(z.enum(genderCodes)),
    position: z.optional(z.enum(positionCodes)),
    /** Pangkat/golongan, optional (e.g. "Penata Muda / III-a"). */
    rank: z.optional(text(100)),
    institution: requiredText(200),
    regionCode: requiredText(8),
    libraryType: z.optional(z.enum(libraryTypeCodes)),
    /** E.164, e.g. `+6281234567890`. */
    phone: z.optional(z.string().check(z.regex(/^\+62\d{9,12}$/))),
    email: z.optional(text(200)),
    certificationIntention: z.optional(z.enum(certificationIntentionCodes)),
    consentAt: z.nullable(instant()),
    source: z.enum(participantSources),
    status: z.enum(participantStatuses),
    cancelReason: z.optional(text(300)),
    /** Secret short code printed in the ticket QR beside the id. */
    ticketCode: z.string().check(z.regex(/^[A-Z0-9]{4,12}$/)),
    /** Human registration number, e.g. `KS-A1-042`; assigned by the server. */
    registrationNumber: z.optional(text(32)),
    /** Walk-ins and imports the organiser still has to complete. */
    needsReview: z._default(z.boolean(), false),
    createdAt: instant(),
    updatedAt: instant(),
  })
  .check(
    z.refine(
      (p) =>
        p.source === 'walkin'
          ? Boolean(p.nip || p.phone)
          : FULL_REGISTRATION_FIELDS.every((f) => p[f] !== undefined),
      { message: 'A registration misses required fields (a walk-in needs a NIP or a phone)' },
    ),
  );
export type Participant = z.infer<typeof Participant>;
/** A registration with every field (self-registered or imported; not a walk-in). */
export type FullParticipant = Participant & {
  [K in (typeof FULL_REGISTRATION_FIELDS)[number]]-?: NonNullable<Participant[K]>;
};

/** One arrival at the venue. Every scan is kept; the earliest per person and day counts. */
export const VenueCheckIn = z.object({
  id: id(),
  eventId: id(),
  participantId: id(),
  day: day(),
  at: instant(),
  method: z.enum(checkinMethods),
  /** The device that recorded it (its client id). */
  deviceId: id(),
  /** That device's name when the server stored it ("Meja 1"), for the check-in log. */
  deviceName: z.optional(text(100)),
  /** Compact signature strokes, when the event asks for one. */
  signature: z.optional(
    z.string().check(z.maxLength(MAX_SIGNATURE_CHARS), z.regex(SIGNATURE_PATTERN)),
  ),
});
export type VenueCheckIn = z.infer<typeof VenueCheckIn>;

/** A trainer's (or desk's) mark. Every mark is kept; the state is the highest (hlc, clientId). */
export const AttendanceMark = z.object({
  id: id(),
  eventId: id(),
  sessionId: id(),
  participantId: id(),
  status: z.enum(attendanceStatuses),
  note: z.optional(text(300)),
  at: instant(),
  hlc: z.string(),
  deviceId: id(),
});
export type AttendanceMark = z.infer<typeof AttendanceMark>;

export type AttendanceStatus = (typeof attendanceStatuses)[number];
export type CheckinMethod = (typeof checkinMethods)[number];
export type ParticipantSource = (typeof participantSources)[number];
export type ParticipantStatus = (typeof participantStatuses)[number];

/** A merged registration: the same person (same NIP/NIK) registered twice. Mutations that
 * name `id` land on `canonicalId`; the first registration the server committed wins. */
export const Alias = z.object({ id: id(), eventId: id(), canonicalId: id() });
export type Alias = z.infer<typeof Alias>;
