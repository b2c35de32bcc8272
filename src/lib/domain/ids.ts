// Record ids made on a device. crypto.randomUUID exists only in a secure context (HTTPS or
// localhost): on a venue's plain-HTTP address it is missing and every write failed.
// crypto.getRandomValues exists everywhere, so the ids are made from it.
//
// RFC 9562 version 7: the first 48 bits are the time in milliseconds, the other 74 are
// random. Ids made one after another sort near each other, so the server's indexes take
// a batch of check-ins into a few pages instead of one page per id: with random (version
// 4) ids, SQLite wrote about three times as much per push (measured, issue 20). The
// time in an id says no more than the record's own `at`; nothing uses an id as a secret.
// Shown shortened, an id is cut from its random end, never its time.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A time-ordered UUID (version 7), in any context. */
export function newId(now = Date.now()): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  for (let i = 5, t = now; i >= 0; i--, t = Math.floor(t / 256)) b[i] = t % 256;
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10xx
  const h = Array.from(b, (x) => HEX[x]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h
    .slice(8, 10)
    .join('')}-${h.slice(10).join('')}`;
}

/** An id shortened for people to tell apart (a device in a list): its random end. */
export const shortId = (id: string, length = 6): string => id.replace(/-/g, '').slice(-length);
