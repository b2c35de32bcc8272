// Record ids made on a device. crypto.randomUUID exists only in a secure context (HTTPS or
// localhost): on a venue's plain-HTTP address it is missing and every write failed.
// crypto.getRandomValues exists everywhere, so the ids are made from it: RFC 4122 version 4.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A random UUID (version 4), in any context. */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10xx
  const h = Array.from(b, (x) => HEX[x]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h
    .slice(8, 10)
    .join('')}-${h.slice(10).join('')}`;
}
