// Saving a file made on the device (a PDF, a ZIP, a spreadsheet, the ticket image, the
// unsent queue): no server round trip, so it works offline. A temporary link with
// `download` is the one way every browser honours.

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
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
    // Revoked after the click has been handled: some browsers start the download late,
    // and a URL revoked at once can leave an empty or failed file.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  // A copy into a fresh ArrayBuffer: a Blob part must not be a view over shared memory.
  downloadBlob(new Blob([bytes.slice()], { type: mime }), fileName);
}
