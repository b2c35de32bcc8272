// The participant's ticket: what its QR says, and the short check code beside the id.
// The code keeps a photo of someone else's list from being a valid ticket: a desk
// accepts a scan only when id and code match the registration.

/** Prefix and version, so a desk can tell a Hadir ticket from any other QR. */
const PREFIX = 'HADIR1';
// No 0/O or 1/I: people read the code aloud when a scanner fails.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newTicketCode(random: (n: number) => Uint8Array = secureRandom): string {
  return [...random(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

function secureRandom(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function ticketPayload(participantId: string, ticketCode: string): string {
  return `${PREFIX}.${participantId}.${ticketCode}`;
}

export function parseTicket(
  text: string,
): { participantId: string; ticketCode: string } | undefined {
  const m = /^HADIR1\.([A-Za-z0-9_-]{1,64})\.([A-Z0-9]{4,12})$/.exec(text.trim());
  return m ? { participantId: m[1]!, ticketCode: m[2]! } : undefined;
}
