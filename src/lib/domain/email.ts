// A pragmatic email check: catches what people really get wrong on a phone keyboard
// (missing @, spaces, "gmail" without ".com", doubled dots) without pretending to
// implement RFC 5322. Whether the address exists is only known when mail bounces.
import { fail, ok, type Check } from '#domain/validation';

// Local part: anything printable except @ and whitespace, no leading/trailing/double dot.
const LOCAL = /^[^\s@.]+(\.[^\s@.]+)*$/u;
// Domain labels: letters (including IDN), digits and inner hyphens; top level 2+ letters.
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^\p{L}{2,}$/u;

/** Trims and lowercases; returns the normalised address. */
export function parseEmail(input: string): Check<string> {
  const email = input.trim().toLowerCase();
  if (email === '') return fail('required');
  if (email.length > 254) return fail('email.format');
  const parts = email.split('@');
  if (parts.length !== 2) return fail('email.format');
  const [local = '', domain = ''] = parts;
  if (local.length > 64 || !LOCAL.test(local)) return fail('email.format');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return fail('email.format');
  if (!TOP_LEVEL.test(labels[labels.length - 1] ?? '')) return fail('email.format');
  return ok(email);
}
