// The wire shapes of certificates and their verification (docs/protocol.md,
// "Certificates"), parsed with the same schemas on both sides like protocol.ts.
import * as z from 'zod/mini';
import type { CertificateData, CertificateStyle as Style } from '#domain/certificate';
import { Logo, Official } from '#domain/model';

const str = (max: number) => z.string().check(z.maxLength(max));
const day = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** One issued certificate, everything its PDF states (CertificateData in #domain). */
export const IssuedCertificate = z.object({
  participantId: str(64),
  number: str(160),
  verifyUrl: str(500),
  fullName: str(200),
  nip: z.optional(z.string().check(z.regex(/^\d{18}$/))),
  /** Absent on certificates issued before it existed: NIP. */
  nipLabel: z.optional(z.enum(['NIP', 'NI PPPK'])),
  institution: str(200),
  eventName: str(300),
  organizer: str(200),
  batchName: str(100),
  startDate: day(),
  endDate: day(),
  /** The batch's venue ("bertempat di …"); absent on certificates issued before it. */
  venue: z.optional(str(300)),
  /** The programme's JP or the person's, as the event's certificate.jpBasis says. */
  jp: z.number(),
  place: str(300), // the signing city (100); older certificates carry a venue (300)
  issuedDate: day(),
  signatory: z.optional(Official),
  /** The sessions the stated JP covers, for the back page. */
  materi: z.optional(
    z.array(z.object({ title: str(300), day: day(), jp: z.number() })).check(z.maxLength(500)),
  ),
});
export type IssuedCertificate = z.infer<typeof IssuedCertificate>;

/** A registered participant without a certificate, and why (credit.ts reason codes). */
export const IneligibleEntry = z.object({
  participantId: str(64),
  fullName: str(200),
  batchName: str(100),
  reason: z.enum(['notRegistered', 'noSessions', 'belowThreshold', 'incomplete']),
  jpEarned: z.number(),
  jpTotal: z.number(),
  percent: z.number(),
});
export type IneligibleEntry = z.infer<typeof IneligibleEntry>;

/** How the event's certificates look (CertificateStyle in #domain): once per list. */
export const CertificateStyle = z.object({
  logos: z.array(Logo).check(z.maxLength(2)),
  backPage: z.boolean(),
  demo: z.boolean(),
});

export const CertificateList = z.object({
  certificates: z.array(IssuedCertificate),
  /** Absent from a list kept by an older app: plain pages. */
  style: z.optional(CertificateStyle),
  /** Registered people of finished batches without a certificate, and why. */
  ineligible: z.array(IneligibleEntry),
  /** Registered people of batches still running who have not earned one yet: not judged
   * until their batch is over (optional: a list kept by an older app has none). */
  pending: z.optional(z.int()),
  /** Revoked (no longer eligible after a correction): the verification page says so. */
  revoked: z.int(),
  /** Those revoked certificates themselves, for the certificate register (absent from a
   * list kept by an older app). */
  revokedCertificates: z.optional(z.array(IssuedCertificate)),
  /** Issued certificates whose JP or eligibility changed since issue: issuing again
   * settles them. Never counts someone who has no certificate. */
  outdated: z.int(),
  /** People who earned a certificate not issued yet (all of them before the first issue). */
  unissued: z.optional(z.int()),
  /** When participants may download their own; null while unpublished. */
  publishedAt: z.nullable(z.string()),
  threshold: z.number(),
});
export type CertificateList = z.infer<typeof CertificateList>;

/** `issuedDate`: an explicit date for every certificate numbered by this call (a script's
 * choice). Without it, each batch's own date: its certificateDate, else its last day. */
export const IssueRequest = z.object({ issuedDate: z.optional(day()) });
export const PublishRequest = z.object({ published: z.boolean() });

/** What a participant's phone gets: its own certificates, once published. */
export const MyCertificates = z.object({
  published: z.boolean(),
  certificates: z.array(IssuedCertificate),
  /** Only with certificates to draw. */
  style: z.optional(CertificateStyle),
});
export type MyCertificates = z.infer<typeof MyCertificates>;

/** A person's own certificates by the proof they hold: the registration number (or the
 * ticket's participant id) and the check code printed on their ticket. */
export const TicketProof = z.object({
  number: z.string().check(z.minLength(1), z.maxLength(64)),
  ticketCode: z.string().check(z.regex(/^[A-Za-z0-9]{4,12}$/)),
});
export type TicketProof = z.infer<typeof TicketProof>;

/** What the public check says: `demo` for the demo event's certificates (sample data,
 * never genuine), whether or not revoked. */
const verifyStates = ['valid', 'revoked', 'demo'] as const;

/** The public verification answer: what the certificate prints about the person and the
 * event, its dates and its signatory, nothing more (no NIP, no institution). */
export const VerifyResponse = z.extend(
  z.pick(IssuedCertificate, {
    number: true,
    fullName: true,
    eventName: true,
    organizer: true,
    batchName: true,
    startDate: true,
    endDate: true,
    jp: true,
    issuedDate: true,
  }),
  {
    revoked: z.boolean(),
    state: z.enum(verifyStates),
    /** Who signed it: name and title (no NIP). */
    signatory: z.optional(z.object({ name: str(200), title: str(200) })),
  },
);
export type VerifyResponse = z.infer<typeof VerifyResponse>;

// The wire shape must stay drawable: every issued certificate is a CertificateData.
export type AssertDrawable = IssuedCertificate extends CertificateData ? true : never;
export type AssertStyle = z.infer<typeof CertificateStyle> extends Style ? true : never;
