// Saving a file made on the device (a PDF, a ZIP, a spreadsheet): no server round trip, so
// it works offline. A temporary link with `download` is the one way every browser honours.

export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  // A copy into a fresh ArrayBuffer: a Blob part must not be a view over shared memory.
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked after the click has been handled: some browsers start the download late.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
