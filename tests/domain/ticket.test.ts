// The ticket QR is read back by a real decoder (jsQR) from a rendered image, so what the
// phone shows is what a desk's scanner will read.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '#reports/qr';
import { newTicketCode, parseTicket, ticketPayload } from '#domain/ticket';

/** Paint the matrix as an RGBA image, `scale` pixels a module, as a canvas would. */
function render(value: string, scale = 4) {
  const { size, dark } = qrMatrix(value);
  const px = size * scale;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let y = 0; y < px; y++) {
    for (let x = 0; x < px; x++) {
      if (!dark[Math.floor(y / scale)]![Math.floor(x / scale)]) continue;
      const i = (y * px + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, px };
}

describe('ticket QR', () => {
  it('decodes back to the payload, for uuids and for long ids', () => {
    for (const id of [crypto.randomUUID(), 'uji-bimtek-p1', 'x'.repeat(64)]) {
      const payload = ticketPayload(id, newTicketCode());
      const { data, px } = render(payload);
      expect(jsQR(data, px, px)?.data).toBe(payload);
      expect(parseTicket(payload)).toEqual({
        participantId: id,
        ticketCode: payload.split('.').at(-1),
      });
    }
  });

  it('a scanner reading anything else gets no ticket', () => {
    for (const text of [
      '',
      'https://example.org',
      'HADIR1.abc',
      'HADIR2.abc.ABCDEF',
      'HADIR1.a b.ABCDEF',
    ]) {
      expect(parseTicket(text), text).toBeUndefined();
    }
  });

  it('codes are 6 characters people can read aloud (no 0/O, 1/I)', () => {
    const codes = Array.from({ length: 500 }, () => newTicketCode());
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(490);
  });
});
