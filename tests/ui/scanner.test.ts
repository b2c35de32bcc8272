// @vitest-environment jsdom
// The desk's camera scanner without a camera: the repeat window, camera errors in words,
// and the pause after a read. The decoder is a stand-in (the real ones, BarcodeDetector
// and zxing-wasm, run in the Chromium end-to-end test, tests/e2e/scan.test.ts).
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ticketPayload } from '#domain/ticket';
import {
  cameraProblem,
  createDecoder,
  isRepeatRead,
  REPEAT_WINDOW_MS,
  type QrDecoder,
} from '#pages/checkin/decode.ts';
import Scanner from '#pages/checkin/Scanner.svelte';

vi.mock('#pages/checkin/decode.ts', async (original) => ({
  ...(await original<typeof import('#pages/checkin/decode.ts')>()),
  createDecoder: vi.fn(),
}));

const TICKET = ticketPayload('uji-bimtek-p1', 'UJI001');

describe('isRepeatRead', () => {
  it('ignores the same text within the window, and nothing else', () => {
    const last = { text: TICKET, at: 10_000 };
    expect(isRepeatRead(undefined, TICKET, 10_000)).toBe(false);
    expect(isRepeatRead(last, TICKET, 10_000 + REPEAT_WINDOW_MS - 1)).toBe(true);
    expect(isRepeatRead(last, TICKET, 10_000 + REPEAT_WINDOW_MS)).toBe(false);
    expect(isRepeatRead(last, ticketPayload('uji-bimtek-p2', 'UJI002'), 10_001)).toBe(false);
  });
});

describe('cameraProblem', () => {
  it.each([
    ['NotFoundError', 'NoCamera'],
    ['OverconstrainedError', 'NoCamera'],
    ['NotAllowedError', 'Denied'],
    ['SecurityError', 'Denied'],
    ['NotReadableError', 'Failed'],
    ['AbortError', 'Failed'],
  ])('%s → %s', (name, problem) => {
    expect(cameraProblem(new DOMException('', name))).toBe(problem);
  });
});

describe('Scanner', () => {
  const stopTrack = vi.fn();
  const stream = { getTracks: () => [{ stop: stopTrack }] } as unknown as MediaStream;
  const getUserMedia = vi.fn<(c: MediaStreamConstraints) => Promise<MediaStream>>();

  beforeEach(() => {
    localStorage.clear();
    stopTrack.mockReset();
    getUserMedia.mockReset().mockResolvedValue(stream);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia },
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
  });
  afterEach(() => vi.restoreAllMocks());

  const reading = (text: string | undefined): QrDecoder => ({
    kind: 'zxing',
    decode: () => Promise.resolve(text),
  });

  it('says in words that the camera permission was refused', async () => {
    vi.mocked(createDecoder).mockResolvedValue(reading(undefined));
    getUserMedia.mockRejectedValue(new DOMException('', 'NotAllowedError'));
    render(Scanner, { onscan: vi.fn() });
    expect(await screen.findByText(/Izin kamera ditolak/)).toHaveAttribute('role', 'status');
    expect(getUserMedia).toHaveBeenCalledWith({
      video: { facingMode: 'environment' },
      audio: false,
    });
  });

  it('says when the QR reader cannot load, and lets the camera go', async () => {
    vi.mocked(createDecoder).mockRejectedValue(new Error('wasm'));
    render(Scanner, { onscan: vi.fn() });
    await screen.findByText(/Pembaca QR gagal dimuat/);
    expect(stopTrack).toHaveBeenCalled();
  });

  it('with rapid mode off, pauses after a read until "Pindai berikutnya"; the same ticket still in view is ignored', async () => {
    const u = userEvent.setup();
    localStorage.setItem('hadir.deskRapid', 'off');
    vi.mocked(createDecoder).mockResolvedValue(reading(TICKET));
    const onscan = vi.fn((text: string) => Promise.resolve(text === TICKET));
    const { unmount } = render(Scanner, { onscan });

    expect(await screen.findByLabelText(/Gambar kamera/)).toBeInTheDocument();
    const next = await screen.findByRole('button', { name: 'Pindai berikutnya' });
    expect(onscan).toHaveBeenCalledExactlyOnceWith(TICKET);
    expect(screen.getByRole('checkbox', { name: /Pindai cepat/ })).not.toBeChecked();

    await u.click(next);
    await waitFor(() =>
      expect(screen.getByTestId('scanner')).toHaveAttribute('data-phase', 'scanning'),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(onscan).toHaveBeenCalledTimes(1);

    unmount();
    expect(stopTrack).toHaveBeenCalled();
  });
});
