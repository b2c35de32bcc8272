import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeskIndex, deskEntry, searchDesk, type DeskPerson } from '#domain/desk-search';

const people: DeskPerson[] = [
  {
    id: 'siti',
    fullName: 'Dra. Hj. Siti Aminah, S.Hum., M.IP.',
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    regionCode: '63.72',
    nip: '197805122005012003',
    phone: '+6281251110042',
    registrationNumber: 'KS-A1-006',
    ticketCode: 'K7XM2Q',
  },
  {
    id: 'nursiti',
    fullName: 'Nur Siti Rahmah',
    institution: 'Perpustakaan SMAN 1 Martapura',
    regionCode: '63.03',
    phone: '+6285348880017',
    registrationNumber: 'KS-A2-006',
  },
  {
    id: 'ali',
    fullName: 'Moh. Ali Akbar, S.IP.',
    institution: 'Dispersip Kabupaten Tanah Laut',
    regionCode: '63.01',
    nip: '198901012015031001',
    phone: '+6281299990042',
    registrationNumber: 'KS-A1-100',
  },
  {
    id: 'andre',
    fullName: 'André Kurniawan',
    institution: 'Perpustakaan UIN Antasari',
    regionCode: '63.71',
    phone: '+6281377771234',
    // The 1,000th of batch A1: "A1-100" is the start of it and the whole of Ali's.
    registrationNumber: 'KS-A1-1000',
    ticketCode: 'WXYZAB', // letters only, as a check code can be
  },
  {
    id: 'rahmat',
    fullName: 'Rahmat Hidayat',
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    regionCode: '63.72',
    phone: '+6281348002148',
  },
];
const entries = people.map(deskEntry);
const find = (q: string) => searchDesk(entries, q).map((p) => p.id);

describe('desk search: names', () => {
  it('ignores titles, case and diacritics', () => {
    expect(find('siti aminah')).toEqual(['siti']);
    expect(find('SITI AM')).toEqual(['siti']);
    expect(find('andre')).toEqual(['andre']);
    expect(find('dra. siti am')).toEqual(['siti']); // a title typed is dropped, as stored
  });

  it('finds Muhammad under any of its spellings and abbreviations', () => {
    for (const q of ['muhammad ali', 'muhamad ali', 'moh ali', 'm ali', 'mochammad al']) {
      expect(find(q), q).toEqual(['ali']);
    }
  });

  it('ranks a name read from its start above the same word later in a name', () => {
    expect(find('siti')).toEqual(['siti', 'nursiti']);
    expect(find('rahm')).toEqual(['rahmat', 'nursiti']);
  });
});

describe('desk search: numbers', () => {
  it('finds any part of a NIP, spaces ignored, the start of it first', () => {
    expect(find('1978 0512')).toEqual(['siti']);
    expect(find('2005012')).toEqual(['siti']);
    expect(find('1989')).toEqual(['ali']);
  });

  it('finds the last digits of a phone number', () => {
    expect(find('0042')).toEqual(['ali', 'siti']); // equal matches: by name (muhammad, siti)
    expect(find('1234')).toEqual(['andre']);
    expect(find('34')).toEqual([]); // too short to mean anything
  });

  it('a number with a word must match both', () => {
    expect(find('siti 0042')).toEqual(['siti']);
    expect(find('rahmat 0042')).toEqual([]);
  });
});

describe('desk search: a whole phone number, however it is written or said', () => {
  it.each([
    '081348002148',
    '0813-4800-2148',
    '0813 4800 2148',
    '0813.4800.2148',
    '(0813) 4800 2148',
    '+6281348002148',
    '+62 813 4800 2148',
    '+62 813-4800-2148',
    '6281348002148',
    '62 813 4800 2148',
    '+62 (0)813 4800 2148',
    '0062 813 4800 2148',
    '813 4800 2148',
  ])('%s', (q) => {
    expect(find(q)).toEqual(['rahmat']);
  });

  it('narrows as the number is typed, from its start', () => {
    expect(find('0813 48')).toEqual(['rahmat']);
    expect(find('+62 81348')).toEqual(['rahmat']);
    expect(find('+62 813')).toEqual([]); // too short to mean one person
    expect(find('0813 4801')).toEqual([]); // a different number
  });

  it('still finds the last digits of a phone number', () => {
    expect(find('2148')).toEqual(['rahmat']);
    expect(find('002148')).toEqual(['rahmat']);
  });

  it('a whole number of someone else finds nobody, not its ending’s owner', () => {
    expect(find('0852 5111 0042')).toEqual([]);
  });
});

describe('desk search: registration number and check code', () => {
  it.each([
    'KS-A1-006',
    'ks-a1-006',
    'KS A1 006',
    'KSA1006',
    'ksa1006',
    'A1-006',
    'a1-006',
    'A1 006',
    'a1006',
  ])('finds the registration number %s, with or without the province', (q) => {
    expect(find(q)).toEqual(['siti']);
  });

  it('the same sequence in another batch is another person', () => {
    expect(find('A2-006')).toEqual(['nursiti']);
    expect(find('KS-A2-006')).toEqual(['nursiti']);
  });

  it('narrows as a registration number is typed', () => {
    expect(find('KS-A1-00')).toEqual(['siti']);
    expect(find('a2-0')).toEqual(['nursiti']);
    expect(find('KS-A1').sort()).toEqual(['ali', 'andre', 'siti']);
  });

  it('finds the ticket’s check code, in any case, with spaces', () => {
    expect(find('K7XM2Q')).toEqual(['siti']);
    expect(find('k7xm2q')).toEqual(['siti']);
    expect(find('k7x m2q')).toEqual(['siti']);
    expect(find('wxyzab')).toEqual(['andre']);
    expect(find('K7XM2')).toEqual([]); // a code is found whole, never by a part
  });

  it('ranks an exact identifier first: A1-100 is Ali’s whole number and the start of Andre’s', () => {
    // By name alone Andre would come first (tied prefixes are ordered by name).
    expect(find('A1-100')).toEqual(['ali', 'andre']);
    expect(find('KS-A1-1000')).toEqual(['andre']);
  });

  it('ranks a whole NIP first', () => {
    expect(find('197805122005012003')).toEqual(['siti']);
    expect(find('19780512 200501 2 003')).toEqual(['siti']);
  });
});

describe('desk search: institution and kabupaten/kota', () => {
  it('finds by institution words, below name matches', () => {
    expect(find('antasari')).toEqual(['andre']);
    expect(find('martapura')).toEqual(['nursiti']);
  });

  it('finds by kabupaten/kota, and narrows with a name', () => {
    expect(find('banjarbaru').sort()).toEqual(['rahmat', 'siti']);
    expect(find('tanah laut')).toEqual(['ali']);
    expect(find('rahmat banjarbaru')).toEqual(['rahmat']);
  });

  it('an empty query finds nobody, and the limit holds', () => {
    expect(find('   ')).toEqual([]);
    expect(searchDesk(entries, 'perpustakaan', 2)).toHaveLength(2);
  });

  it('a small limit keeps the best matches in the same order as a large one', () => {
    for (const q of ['perpustakaan', 'a', 'r', 's', '00', 'dinas']) {
      for (const limit of [1, 2, 3])
        expect(searchDesk(entries, q, limit), `${q}/${limit}`).toEqual(
          searchDesk(entries, q, 20).slice(0, limit),
        );
    }
  });
});

/** What a field holds as a query is typed: 'ab' → ['a', 'ab']. */
const prefixes = (q: string) => [...q].map((_, i) => q.slice(0, i + 1));

describe('DeskIndex: typing letter by letter', () => {
  it('gives what a fresh search gives at every keystroke, forwards, backwards and edited', () => {
    const index = new DeskIndex(people);
    const typed = [
      ...'siti am'.split('').map((_, i, a) => a.slice(0, i + 1).join('')),
      'siti a',
      'siti',
      'sit',
      'nur s',
      'nur si',
      'moh',
      'moh a',
      'muhammad ali',
      'm',
      '0',
      '00',
      '004',
      '0042',
      '00',
      'dr',
      'dr siti',
      'banjar',
      'banjarbaru rah',
      ...prefixes('0813-4800-2148'),
      ...prefixes('+62 (0)813 4800 2148'),
      ...prefixes('KS-A1-006'),
      ...prefixes('ks a1 1000'),
      ...prefixes('wxyzab'), // letters only, narrowing as a name would, then a whole code
      ...prefixes('k7xm2q'),
      'siti',
    ];
    for (const q of typed) {
      expect(
        index.search(q).map((p) => p.id),
        q,
      ).toEqual(find(q));
    }
    expect(index.size).toBe(people.length);
  });
});

describe('DeskIndex rebuilt after a change (a pulled page)', () => {
  it('reuses unchanged people and sees changed, added and removed ones', () => {
    const before = new DeskIndex(people);
    const renamed = { ...people[4]!, fullName: 'Rahmat Hidayatullah' };
    const added = { ...people[0]!, id: 'baru', fullName: 'Yusuf Maulana', nip: undefined };
    const after = [...people.slice(1, 4), renamed, added];
    const index = new DeskIndex(after, before);
    const fresh = after.map(deskEntry);
    const queries = ['hidayatullah', 'yusuf', 'siti', 'dra', 'banjarbaru', '0042', 'moh a'];
    for (const q of [...queries, 'K7XM2Q', 'KS-A1-006', '0813 4800 2148'])
      expect(
        index.search(q).map((p) => p.id),
        q,
      ).toEqual(searchDesk(fresh, q).map((p) => p.id));
    // The result is the new row object, not the one the old index was built from.
    expect(index.search('hidayatullah')[0]).toBe(renamed);
    expect(index.search('nur')[0]).toBe(after[0]);
  });
});

describe('DeskIndex agrees with a fresh search (property)', () => {
  it('for random typing over random people', () => {
    const word = fc.constantFrom(
      'siti',
      'nur',
      'moh',
      'muhammad',
      'm',
      'ali',
      'rahmat',
      'dra.',
      'an',
      'a',
      'wxyzab',
      'ks-a1-',
      'ksa1',
      'a1 10',
      'k7xm2q',
      '0813',
    );
    const query = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 8 }), (queries) => {
        const index = new DeskIndex(people);
        for (const full of queries) {
          // Type it letter by letter, then jump to the next query.
          for (let i = 1; i <= full.length; i++) {
            const q = full.slice(0, i);
            expect(index.search(q).map((p) => p.id)).toEqual(find(q));
          }
        }
      }),
      { numRuns: 100, seed: 20261126 },
    );
  });
});
