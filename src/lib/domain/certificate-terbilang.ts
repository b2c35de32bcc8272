// Numbers written out in Indonesian words (terbilang), as official documents repeat an
// amount after its digits: "16 (enam belas) jam pelajaran". Whole numbers and decimals; the
// digits after the comma are read one by one, as they are spoken ("7,5" → "tujuh koma
// lima", "12,25" → "dua belas koma dua lima").

const UNITS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

/** Below 1,000: "se-" for one hundred ("seratus"), "belas" for 12–19, "puluh" for tens. */
function belowThousand(n: number): string {
  if (n < 12) return UNITS[n]!;
  if (n < 20) return `${UNITS[n - 10]} belas`;
  if (n < 100) {
    const rest = n % 10;
    return `${UNITS[Math.floor(n / 10)]} puluh${rest ? ` ${UNITS[rest]}` : ''}`;
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 1 ? 'seratus' : `${UNITS[hundreds]} ratus`;
  return rest ? `${head} ${belowThousand(rest)}` : head;
}

const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun'];

/** A whole number 0 ≤ n < 10^15 in words: 1000 → "seribu", 2025 → "dua ribu dua puluh lima". */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) {
    throw new RangeError(`terbilang: a whole number 0 … 10^15, not ${n}`);
  }
  if (n === 0) return UNITS[0]!;
  const words: string[] = [];
  for (let scale = 0, rest = n; rest > 0; scale++, rest = Math.floor(rest / 1000)) {
    const group = rest % 1000;
    if (group === 0) continue;
    // One thousand is "seribu", never "satu ribu"; one million is "satu juta".
    const part =
      scale === 1 && group === 1
        ? 'seribu'
        : `${belowThousand(group)}${SCALES[scale] ? ` ${SCALES[scale]}` : ''}`;
    words.unshift(part);
  }
  return words.join(' ');
}

/**
 * A non-negative amount, rounded to two decimals, as digits with a decimal comma and in
 * words: 16 → { digits: "16", words: "enam belas" }; 7.5 → "7,5" / "tujuh koma lima".
 */
export function spelled(amount: number): { digits: string; words: string } {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`Not an amount: ${amount}`);
  const hundredths = Math.round(amount * 100);
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  const digits = fraction ? `${whole},${fraction}` : String(whole);
  const after = [...fraction].map((d) => UNITS[Number(d)]).join(' ');
  return { digits, words: after ? `${terbilang(whole)} koma ${after}` : terbilang(whole) };
}

/** "16 (enam belas) jam pelajaran", "7,5 (tujuh koma lima) jam pelajaran". */
export function jpInWords(jp: number): string {
  const { digits, words } = spelled(jp);
  return `${digits} (${words}) jam pelajaran`;
}
