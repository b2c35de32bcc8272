// Which province + kabupaten/kota codes (NIK digits 1-4) exist, for the NIK plausibility
// rule. Pure data: Kemendagri codes (Dukcapil issues NIKs with them), NOT BPS codes, which
// number some regions differently (BPS 94 was Papua before 2022; BPS 1101 is Simeulue,
// Kemendagri 11.01 is Aceh Selatan).
//
// A NIK keeps the code of the region where it was first issued, so a code that a split
// moved to another province stays valid in its old one: Kalimantan Timur (64) still
// accepts 64.04 Bulungan, 64.05 Nunukan, 64.06 Malinau, 64.10 Tana Tidung and 64.73 Kota
// Tarakan from before Kalimantan Utara (65) split off in 2012; Papua (91) still accepts
// 91.01-91.28 and Papua Barat (92) 92.01-92.12 and 92.71 (Kota Sorong) from before the
// 2022 splits into 93-96. That is why each province records only its highest numbers:
// every code from 01 to the highest ever used is accepted, gaps included.
//
// Sources: Permendagri 72/2019 (codes before the Papua split) and Kepmendagri
// 100.1.1-6117/2022 / 050-145/2022 (93-96, numbered from 01 again); cross-checked against
// public copies of both lists. Where they were not certain, the bound is the generous one
// (a real person refused at the desk costs more than a typo accepted): see the notes.
// A new kabupaten/kota (none since the 2022 Papua provinces) needs its bound raised here.

export interface NikProvince {
  name: string;
  /** Highest kabupaten number ever issued in this province: 01..maxKabupaten. */
  maxKabupaten: number;
  /** Highest kota number (kota start at 71): 71..maxKota; 0 when it has no kota. */
  maxKota: number;
}

export const nikProvinces: Readonly<Record<string, NikProvince>> = {
  '11': { name: 'Aceh', maxKabupaten: 18, maxKota: 75 },
  '12': { name: 'Sumatera Utara', maxKabupaten: 25, maxKota: 78 },
  '13': { name: 'Sumatera Barat', maxKabupaten: 12, maxKota: 77 },
  // Kemendagri lists Dumai as 14.72, BPS as 1473 (14.72 was Batam before Kepulauan Riau
  // split off in 2002): 73 accepts either reading.
  '14': { name: 'Riau', maxKabupaten: 10, maxKota: 73 },
  '15': { name: 'Jambi', maxKabupaten: 9, maxKota: 72 },
  '16': { name: 'Sumatera Selatan', maxKabupaten: 13, maxKota: 74 },
  '17': { name: 'Bengkulu', maxKabupaten: 9, maxKota: 71 },
  '18': { name: 'Lampung', maxKabupaten: 13, maxKota: 72 },
  '19': { name: 'Kepulauan Bangka Belitung', maxKabupaten: 6, maxKota: 71 },
  '21': { name: 'Kepulauan Riau', maxKabupaten: 5, maxKota: 72 },
  '31': { name: 'DKI Jakarta', maxKabupaten: 1, maxKota: 75 },
  '32': { name: 'Jawa Barat', maxKabupaten: 18, maxKota: 79 },
  '33': { name: 'Jawa Tengah', maxKabupaten: 29, maxKota: 76 },
  '34': { name: 'DI Yogyakarta', maxKabupaten: 4, maxKota: 71 },
  '35': { name: 'Jawa Timur', maxKabupaten: 29, maxKota: 79 },
  '36': { name: 'Banten', maxKabupaten: 4, maxKota: 74 },
  '51': { name: 'Bali', maxKabupaten: 8, maxKota: 71 },
  '52': { name: 'Nusa Tenggara Barat', maxKabupaten: 8, maxKota: 72 },
  '53': { name: 'Nusa Tenggara Timur', maxKabupaten: 21, maxKota: 71 },
  '61': { name: 'Kalimantan Barat', maxKabupaten: 12, maxKota: 72 },
  '62': { name: 'Kalimantan Tengah', maxKabupaten: 13, maxKota: 71 },
  '63': { name: 'Kalimantan Selatan', maxKabupaten: 11, maxKota: 72 },
  // 64.04-06, 64.10 and 64.73 moved to Kalimantan Utara in 2012; 64.11 is Mahakam Ulu.
  '64': { name: 'Kalimantan Timur', maxKabupaten: 11, maxKota: 74 },
  '65': { name: 'Kalimantan Utara', maxKabupaten: 4, maxKota: 71 },
  '71': { name: 'Sulawesi Utara', maxKabupaten: 11, maxKota: 74 },
  '72': { name: 'Sulawesi Tengah', maxKabupaten: 12, maxKota: 71 },
  // Today's highest is 73.26 (Toraja Utara). The gaps below it (73.19-21, 73.23, 73.25)
  // are most likely the kabupaten that went to Sulawesi Barat in 2004: accepted, since
  // early NIKs may still carry them.
  '73': { name: 'Sulawesi Selatan', maxKabupaten: 26, maxKota: 73 },
  '74': { name: 'Sulawesi Tenggara', maxKabupaten: 15, maxKota: 72 },
  '75': { name: 'Gorontalo', maxKabupaten: 5, maxKota: 71 },
  '76': { name: 'Sulawesi Barat', maxKabupaten: 6, maxKota: 0 },
  '81': { name: 'Maluku', maxKabupaten: 9, maxKota: 72 },
  '82': { name: 'Maluku Utara', maxKabupaten: 8, maxKota: 72 },
  // Before 2022: 91.01-91.28 and 91.71 (Kota Jayapura). Papua keeps 91.03, 91.05, 91.06,
  // 91.10, 91.11, 91.15, 91.19, 91.20 and 91.71; the rest went to 93-95.
  '91': { name: 'Papua', maxKabupaten: 28, maxKota: 71 },
  // Before 2022: 92.01-92.12 and 92.71 (Kota Sorong); 92.01, 92.04, 92.05, 92.09, 92.10
  // and 92.71 went to Papua Barat Daya (96).
  '92': { name: 'Papua Barat', maxKabupaten: 12, maxKota: 71 },
  '93': { name: 'Papua Selatan', maxKabupaten: 4, maxKota: 0 },
  '94': { name: 'Papua Tengah', maxKabupaten: 8, maxKota: 0 },
  '95': { name: 'Papua Pegunungan', maxKabupaten: 8, maxKota: 0 },
  '96': { name: 'Papua Barat Daya', maxKabupaten: 5, maxKota: 71 },
};

/** True when `code` is a two-digit province code that NIKs use ('63'). */
export function isNikProvince(code: string): boolean {
  return Object.hasOwn(nikProvinces, code);
}

/** True when the first four NIK digits ('6371') name a kabupaten/kota that was issued. */
export function isNikRegion(code4: string): boolean {
  if (!/^\d{4}$/.test(code4)) return false;
  const province = nikProvinces[code4.slice(0, 2)];
  if (!province) return false;
  const n = Number(code4.slice(2));
  if (n >= 1 && n <= province.maxKabupaten) return true;
  return n >= 71 && n <= province.maxKota;
}
