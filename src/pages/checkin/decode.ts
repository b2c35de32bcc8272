// QR decoding for the desk camera: the browser's own BarcodeDetector where it reads QR
// codes (Android Chrome, Safari), else ZXing compiled to WebAssembly. ZXing is large
// (~1 MB of wasm), so it is imported only here, only when a desk without a native
// detector opens the camera, and its wasm is served by the app itself (cached by the
// service worker when the desk screen opens) because the desk must scan with no internet.

export type DecoderKind = 'native' | 'zxing';

export interface QrDecoder {
  kind: DecoderKind;
  /** The text of a QR code in the video's current frame, if one is readable. */
  decode(video: HTMLVideoElement): Promise<string | undefined>;
}

/** Why the camera cannot scan, as a message-catalog suffix (`desk.scan<Kind>`). */
export type CameraProblem = 'NoCamera' | 'Denied' | 'Failed' | 'Decoder';

// The Barcode Detection API is not in TypeScript's DOM library yet.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDetector(): Promise<QrDecoder | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    // Some platforms expose the class but read no QR codes (e.g. without Play Services).
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    return {
      kind: 'native',
      async decode(video) {
        const [found] = await detector.detect(video);
        return found?.rawValue || undefined;
      },
    };
  } catch {
    return undefined;
  }
}

/** Frames are scaled down to this width before ZXing reads them: a QR held up fills it. */
const MAX_WIDTH = 800;

async function zxingDetector(): Promise<QrDecoder> {
  const [{ prepareZXingModule, readBarcodes }, { default: wasmUrl }] = await Promise.all([
    import('zxing-wasm/reader'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  // Without this override ZXing fetches its wasm from a CDN, which an offline desk cannot.
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? wasmUrl : prefix + path,
    },
    fireImmediately: true,
  });
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas');
  return {
    kind: 'zxing',
    async decode(video) {
      const { videoWidth: w, videoHeight: h } = video;
      if (!w || !h) return undefined;
      const scale = Math.min(1, MAX_WIDTH / w);
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const [found] = await readBarcodes(image, { formats: ['QRCode'], maxNumberOfSymbols: 1 });
      return found?.isValid && found.text ? found.text : undefined;
    },
  };
}

/** The best decoder this browser has; rejects when ZXing is needed and cannot load. */
export async function createDecoder(): Promise<QrDecoder> {
  return (await nativeDetector()) ?? (await zxingDetector());
}

/**
 * Fetch the wasm once while the desk is online, so the service worker has it for a
 * camera opened later with no network. Nothing to do where the browser reads QR itself.
 */
export async function warmDecoder(): Promise<void> {
  if (await nativeDetector()) return;
  const { default: wasmUrl } = await import('zxing-wasm/reader/zxing_reader.wasm?url');
  await fetch(wasmUrl).then((r) => r.arrayBuffer());
}

/** The rear camera (any camera where there is no rear one). */
export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('', 'NotFoundError');
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  });
}

/** A getUserMedia failure in words the desk can act on. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'NoCamera';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'Denied';
  return 'Failed';
}

/** How long the same QR is ignored: the ticket is usually still in front of the camera. */
export const REPEAT_WINDOW_MS = 3000;

export interface LastRead {
  text: string;
  at: number;
}

/**
 * Whether a read repeats the previous one within the window. The window slides: a ticket
 * held in front of the camera keeps being ignored until it has been away for 3 s.
 */
export function isRepeatRead(last: LastRead | undefined, text: string, now: number): boolean {
  return last !== undefined && last.text === text && now - last.at < REPEAT_WINDOW_MS;
}
