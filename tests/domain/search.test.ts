import { describe, it, expect } from 'vitest';
import { matchesName, nameSearchKey, nameTokens, stripAcademicTitles } from '#domain/search';

describe('stripAcademicTitles', () => {
  it.each([
    ['Dra. Hj. Siti Aminah, S.Hum., M.IP.', 'Siti Aminah'],
    ['Siti Aminah, S.Hum., M.IP.', 'Siti Aminah'],
    ['Prof. Dr. Ir. H. Ahmad Yani, M.Si.', 'Ahmad Yani'],
    ['Drs. Bambang Sutrisno, M.M.', 'Bambang Sutrisno'],
    ['dr. Rina Wati', 'Rina Wati'],
    ['DRS. H. SYAHRANI, S.SOS., M.AP', 'SYAHRANI'],
    ['Hj Nurul Huda, S.Pd.I.', 'Nurul Huda'],
    ['Rahmat Hidayat, A.Md.Pust.', 'Rahmat Hidayat'],
    ['Yuliani, S.S., M.A.', 'Yuliani'],
    ['Fitriani, S.Psi., Ph.D.', 'Fitriani'],
    ['Dewi Lestari, S.E., S.H.', 'Dewi Lestari'],
    ['Rizki Amalia, S.Kom., M.Kom.', 'Rizki Amalia'],
    ['Agus Salim, S.Ag.', 'Agus Salim'],
    ['Nor Aida, S. Pd.', 'Nor Aida'], // a degree typed with a space
    ['Ahmad Fauzi S.Pd', 'Ahmad Fauzi'], // a degree without the comma
    ['Drs.H.Ahmad Fauzi, SE', 'Ahmad Fauzi'], // titles glued together
    ['Ns. Rina Marlina, S.Kep.', 'Rina Marlina'],
  ])('%s -> %s', (input, expected) => {
    expect(stripAcademicTitles(input)).toBe(expected);
  });

  it('does not strip a name that starts with the letters of a title', () => {
    expect(stripAcademicTitles('Irawati Hendra')).toBe('Irawati Hendra');
    expect(stripAcademicTitles('Drajat Suprapto')).toBe('Drajat Suprapto');
    expect(stripAcademicTitles('Hjalmar Profita')).toBe('Hjalmar Profita');
    expect(stripAcademicTitles('Sepriadi')).toBe('Sepriadi');
  });

  it('keeps a bare trailing word that might be a name, and initials', () => {
    expect(stripAcademicTitles('Budi Ma')).toBe('Budi Ma');
    expect(stripAcademicTitles('Siti A.')).toBe('Siti A.');
    expect(stripAcademicTitles('H Rahman')).toBe('H Rahman');
  });

  it('never removes every token', () => {
    expect(stripAcademicTitles('Dr.')).toBe('Dr.');
    expect(stripAcademicTitles('Hj. Dra.')).toBe('Dra.');
  });
});

describe('nameSearchKey and nameTokens', () => {
  it('lowercases, strips titles and collapses spaces', () => {
    expect(nameSearchKey('  Dra.  Hj. Siti   Aminah, S.Hum., M.IP. ')).toBe('siti aminah');
  });

  it('removes diacritics and punctuation; apostrophes join', () => {
    expect(nameSearchKey('Zoë Ñúñez')).toBe('zoe nunez');
    expect(nameSearchKey("Ma'ruf Amin")).toBe('maruf amin');
    expect(nameSearchKey('Nur-Aini')).toBe('nur aini');
  });

  it.each([
    'Muhammad Ali',
    'Muhamad Ali',
    'Mohammad Ali',
    'Mohamad Ali',
    'Moh. Ali',
    'Moch. Ali',
    'Mochammad Ali',
    'Muh. Ali',
    'Mhd. Ali',
    'M. Ali',
    'M.Ali',
    'H. M. Ali, S.IP.',
  ])('folds %s to muhammad', (name) => {
    expect(nameSearchKey(name)).toBe('muhammad ali');
  });

  it('splits the key into tokens', () => {
    expect(nameTokens('Dra. Hj. Siti Aminah, S.Hum.')).toEqual(['siti', 'aminah']);
    expect(nameTokens('')).toEqual([]);
  });
});

describe('matchesName', () => {
  const ali = nameSearchKey('Muhammad Ali, S.IP.');
  const siti = nameSearchKey('Dra. Hj. Siti Aminah, S.Hum., M.IP.');

  it('matches every query token as a prefix of some key token, in any order', () => {
    expect(matchesName(siti, 'siti')).toBe(true);
    expect(matchesName(siti, 'ami si')).toBe(true);
    expect(matchesName(siti, 'SITI AMINAH')).toBe(true);
    expect(matchesName(siti, 'siti rahmah')).toBe(false);
    expect(matchesName(siti, 'minah')).toBe(false);
  });

  it('normalises the query like the key', () => {
    expect(matchesName(ali, 'moh ali')).toBe(true);
    expect(matchesName(ali, 'M. Ali')).toBe(true);
    expect(matchesName(ali, 'Mohammad')).toBe(true);
    expect(matchesName(siti, 'Dra. Siti')).toBe(true);
  });

  it('finds a half-typed spelling of Muhammad', () => {
    expect(matchesName(ali, 'moha')).toBe(true);
    expect(matchesName(ali, 'mocham')).toBe(true);
  });

  it('still finds other names while the first letter is typed', () => {
    expect(matchesName(nameSearchKey('Mariam'), 'm')).toBe(true);
    expect(matchesName(nameSearchKey('Mohan Singh'), 'moh')).toBe(true);
  });

  it('matches everything for an empty query', () => {
    expect(matchesName(siti, '')).toBe(true);
    expect(matchesName(siti, '  ')).toBe(true);
  });
});
