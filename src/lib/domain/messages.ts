// Every text in the app has one shape: a key and its message in both languages, Indonesian
// first, English beside it (`key: { id: '…', en: '…' }`), checked by `satisfies Catalog`.
// The UI catalogs (i18n/), the registration page's, the reference lists' labels and the
// validation messages below are all written so.
import type { Lang, ValidationCode, ValidationParams } from '#domain/validation';

/** One message: its Indonesian and its English text. */
export type Message = { readonly [L in Lang]: string };

/**
 * A catalog: each key's message in both languages. Write one as
 * `export const xMessages = { … } satisfies Catalog;`: an entry without one of the
 * languages, or with a language the app does not have, does not compile, and the keys stay
 * the literal ones written (`keyof typeof xMessages`), so a screen's `t('…')` is checked
 * against them. Name the keys (`satisfies Catalog<ValidationCode>`) to also refuse a
 * missing or an unknown key. A type, not a function: it costs no byte in the bundles.
 */
export type Catalog<K extends string = string> = { readonly [P in K]: Message };

/** One language of a catalog, as plain key → text (the benches read the Indonesian). */
export function inLanguage<K extends string>(catalog: Catalog<K>, lang: Lang): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key in catalog) out[key] = catalog[key][lang];
  return out;
}

// Human text for every ValidationCode, Indonesian first. Messages say what is wrong and
// where, because the person reading them is at a registration desk with a queue behind
// them: "NIP harus 18 digit (sekarang 17 digit)" beats "NIP tidak valid".
export const validationMessages = {
  required: {
    id: 'Wajib diisi',
    en: 'This field is required',
  },
  tooLong: {
    id: 'Terlalu panjang (paling banyak {max} karakter)',
    en: 'Too long (at most {max} characters)',
  },
  choice: {
    id: 'Pilih salah satu dari daftar',
    en: 'Choose one of the options',
  },
  consent: {
    id: 'Centang persetujuan pemrosesan data pribadi untuk melanjutkan',
    en: 'Tick the personal data consent to continue',
  },
  'region.outside': {
    id: 'Kabupaten/kota ini tidak termasuk wilayah kegiatan',
    en: 'This regency/city is not in the event’s region',
  },
  'walkin.contact': {
    id: 'Isi NIP atau nomor HP (salah satu)',
    en: 'Enter a NIP or a phone number (one of them)',
  },
  'name.letters': {
    id: 'Tulis nama lengkap: paling sedikit dua huruf, bukan hanya angka',
    en: 'Write the full name: at least two letters, not only digits',
  },
  'name.characters': {
    id: "Nama tidak boleh memuat “{char}”: sertifikat dan daftar hadir hanya dapat mencetak huruf Latin (boleh beraksen), angka, spasi, dan tanda . , ' ’ - ( )",
    en: "The name cannot contain “{char}”: certificates and attendance lists can only print Latin letters (accents allowed), digits, spaces and . , ' ’ - ( )",
  },

  'nip.characters': {
    id: 'NIP hanya boleh berisi angka (spasi dan titik diperbolehkan)',
    en: 'NIP may only contain digits (spaces and dots are allowed)',
  },
  'nip.length': {
    id: 'NIP harus 18 digit (sekarang {count} digit)',
    en: 'NIP must have 18 digits (now {count})',
  },
  'nip.birthDate': {
    id: 'Tanggal lahir pada NIP tidak valid (digit ke-1 s.d. 8, format TTTTBBHH)',
    en: 'The birth date in the NIP is not valid (digits 1–8, YYYYMMDD)',
  },
  'nip.tmt': {
    id: 'TMT CPNS pada NIP tidak valid (digit ke-9 s.d. 14, format TTTTBB, bulan 01–12)',
    en: 'The appointment date (TMT CPNS) in the NIP is not valid (digits 9–14, YYYYMM, month 01–12)',
  },
  'nip.tmtBeforeBirth': {
    id: 'TMT CPNS pada NIP (digit ke-9 s.d. 14) harus setelah tanggal lahir',
    en: 'The appointment date in the NIP (digits 9–14) must be after the birth date',
  },
  'nip.tmtFuture': {
    id: 'TMT CPNS pada NIP (digit ke-9 s.d. 14) tidak boleh di masa depan',
    en: 'The appointment date in the NIP (digits 9–14) cannot be in the future',
  },
  'nip.tooYoung': {
    id: 'NIP: umur pada TMT CPNS di bawah 18 tahun (digit ke-1 s.d. 14)',
    en: 'NIP: age at the appointment date (TMT CPNS) is under 18 (digits 1–14)',
  },
  'nip.retired': {
    id: 'NIP: menurut tanggal lahir (digit ke-1 s.d. 8) sudah melewati batas usia pensiun 65 tahun',
    en: 'NIP: by the birth date (digits 1–8) the holder is past the retirement age of 65',
  },
  'nip.gender': {
    id: 'Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)',
    en: 'Digit 15 of the NIP must be 1 (male) or 2 (female)',
  },
  'nip.sequence': {
    id: 'Nomor urut pada NIP (3 digit terakhir) tidak boleh 000',
    en: 'The sequence number in the NIP (last 3 digits) cannot be 000',
  },
  'nip.genderMismatch': {
    id: 'Jenis kelamin pada NIP (digit ke-15) tidak sesuai dengan jenis kelamin yang dipilih',
    en: 'The gender in the NIP (digit 15) does not match the selected gender',
  },

  'pppk.characters': {
    id: 'NI PPPK hanya boleh berisi angka (spasi dan titik diperbolehkan)',
    en: 'NI PPPK may only contain digits (spaces and dots are allowed)',
  },
  'pppk.length': {
    id: 'NI PPPK harus 18 digit (sekarang {count} digit)',
    en: 'NI PPPK must have 18 digits (now {count})',
  },
  'pppk.birthDate': {
    id: 'Tanggal lahir pada NI PPPK tidak valid (digit ke-1 s.d. 8, format TTTTBBHH)',
    en: 'The birth date in the NI PPPK is not valid (digits 1–8, YYYYMMDD)',
  },
  'pppk.year': {
    id: 'Tahun pengangkatan pada NI PPPK tidak valid (digit ke-9 s.d. 12)',
    en: 'The appointment year in the NI PPPK is not valid (digits 9–12)',
  },
  'pppk.yearBeforeBirth': {
    id: 'Tahun pengangkatan pada NI PPPK (digit ke-9 s.d. 12) harus setelah tahun lahir',
    en: 'The appointment year in the NI PPPK (digits 9–12) must be after the birth year',
  },
  'pppk.yearFuture': {
    id: 'Tahun pengangkatan pada NI PPPK (digit ke-9 s.d. 12) tidak boleh di masa depan',
    en: 'The appointment year in the NI PPPK (digits 9–12) cannot be in the future',
  },
  'pppk.code': {
    id: 'Digit ke-13 s.d. 14 NI PPPK adalah kode PPPK (21)',
    en: 'Digits 13–14 of the NI PPPK are the PPPK code (21)',
  },
  'pppk.tooYoung': {
    id: 'NI PPPK: umur pada tahun pengangkatan di bawah 18 tahun (digit ke-1 s.d. 12)',
    en: 'NI PPPK: age in the appointment year is under 18 (digits 1–12)',
  },
  'pppk.retired': {
    id: 'NI PPPK: menurut tanggal lahir (digit ke-1 s.d. 8) sudah melewati batas usia pensiun 65 tahun',
    en: 'NI PPPK: by the birth date (digits 1–8) the holder is past the retirement age of 65',
  },
  'pppk.gender': {
    id: 'Digit ke-15 NI PPPK harus 1 (laki-laki) atau 2 (perempuan)',
    en: 'Digit 15 of the NI PPPK must be 1 (male) or 2 (female)',
  },
  'pppk.sequence': {
    id: 'Nomor urut pada NI PPPK (3 digit terakhir) tidak boleh 000',
    en: 'The sequence number in the NI PPPK (last 3 digits) cannot be 000',
  },
  'pppk.genderMismatch': {
    id: 'Jenis kelamin pada NI PPPK (digit ke-15) tidak sesuai dengan jenis kelamin yang dipilih',
    en: 'The gender in the NI PPPK (digit 15) does not match the selected gender',
  },

  'nik.characters': {
    id: 'NIK hanya boleh berisi angka',
    en: 'NIK may only contain digits',
  },
  'nik.length': {
    id: 'NIK harus 16 digit (sekarang {count} digit)',
    en: 'NIK must have 16 digits (now {count})',
  },
  'nik.region': {
    id: 'Kode provinsi dan kabupaten/kota pada NIK (digit ke-1 s.d. 4) tidak dikenal',
    en: 'The province and regency/city code in the NIK (digits 1–4) is not known',
  },
  'nik.birthDate': {
    id: 'Tanggal lahir pada NIK (digit ke-7 s.d. 12, format HHBBTT; perempuan tanggal +40) tidak valid',
    en: 'The birth date in the NIK (digits 7–12, DDMMYY; women add 40 to the day) is not valid',
  },
  'nik.child': {
    id: 'NIK: menurut tanggal lahir (digit ke-7 s.d. 12) umur di bawah 17 tahun',
    en: 'NIK: by the birth date (digits 7–12) the holder is under 17',
  },
  'nik.sequence': {
    id: 'Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000',
    en: 'The sequence number in the NIK (last 4 digits) cannot be 0000',
  },
  'nik.genderMismatch': {
    id: 'Jenis kelamin pada NIK (tanggal lahir, perempuan +40) tidak sesuai dengan jenis kelamin yang dipilih',
    en: 'The gender in the NIK (birth day, +40 for women) does not match the selected gender',
  },

  'phone.format': {
    id: 'Nomor HP tidak dikenali; tulis seperti 0812-3456-7890 atau +62 812-3456-7890',
    en: 'Phone number not recognised; write it like 0812-3456-7890 or +62 812-3456-7890',
  },
  'phone.length': {
    id: 'Nomor HP harus {min}–{max} digit dalam format 08… (sekarang {count} digit)',
    en: 'A mobile number has {min}–{max} digits in the 08… form (now {count})',
  },
  'phone.notMobile': {
    id: 'Gunakan nomor HP/WhatsApp (diawali 08), bukan nomor telepon rumah/kantor',
    en: 'Use a mobile/WhatsApp number (starting with 08), not a landline',
  },
  'email.format': {
    id: 'Alamat email tidak valid; contoh: nama@gmail.com',
    en: 'Email address is not valid; for example: name@gmail.com',
  },
} satisfies Catalog<ValidationCode>;

/** Fill `{param}` placeholders; shared by the UI message catalog (i18n/). */
export function interpolate(template: string, params: ValidationParams = {}): string {
  // An unknown placeholder stays visible rather than silently becoming "undefined".
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The message for a code in a language, with `{param}` placeholders filled in. */
export function validationMessage(
  code: ValidationCode,
  lang: Lang,
  params: ValidationParams = {},
): string {
  return interpolate(validationMessages[code][lang], params);
}
