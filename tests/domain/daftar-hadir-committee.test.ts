// The narasumber's and panitia's daftar hadir follow the schedule: each day lists those
// who taught or served that day; a narasumber's row says what they taught and its JP
// (honoraria are paid against it). Fixture: daftar-hadir-fixture.ts.
import { describe, expect, it } from 'vitest';
import { attendanceSheet, narasumberOf, type SheetSource } from '#domain/daftar-hadir';
import { data, event } from '#tests/domain/daftar-hadir-fixture';

const ANI = {
  name: 'Ani Fasilitator, S.IP.', // the committee's spelling, NIP and position
  nip: '19800315 200501 1 002',
  position: 'Pustakawan Ahli Muda, Dispersip Kalsel',
};

describe('the narasumber sheet', () => {
  it('lists the committee’s narasumber on every day when no session names them', () => {
    const sheet = attendanceSheet(data, { kind: 'narasumber', day: '2025-06-02' });
    expect(sheet.title).toBe('DAFTAR HADIR NARASUMBER');
    expect(sheet.columns).toEqual([
      'No',
      'Nama',
      'NIP',
      'Jabatan/Instansi',
      'Materi',
      'JP',
      'Tanda Tangan',
    ]);
    expect(sheet.rows).toEqual([
      { no: 1, name: 'Zaki Narasumber, M.Hum.', position: 'Perpusnas RI', materi: '', jp: '' },
      { no: 2, ...ANI, materi: '', jp: '' },
    ]);
    // Only batch A meets on 2 June; nobody's presence is counted on a committee sheet.
    expect(sheet.header.find(([label]) => label === 'Tempat')).toEqual(['Tempat', 'Aula A']);
    expect(sheet.tally).toBeUndefined();
    expect(sheet.fileName).toBe('daftar-hadir-narasumber-2025-06-02');
  });

  // 2 June: Rudi teaches both sessions (once with Ani); 3 June: Zaki. Wati is on the
  // committee and in no session.
  const scheduled: SheetSource = {
    ...data,
    event: {
      ...event,
      committee: [
        ...event.committee,
        { id: 'n3', role: 'narasumber', name: 'Wati Tanpa Sesi', position: 'Widyaiswara' },
      ],
    },
    sessions: data.sessions.map((s) =>
      s.id === 'sA1'
        ? { ...s, speaker: 'Dr. Rudi Hartono; ani fasilitator', jp: 1.5 }
        : s.id === 'sA2'
          ? { ...s, speaker: 'Rudi  Hartono, M.Si.' } // the same man, with his gelar
          : s.id === 'sB1'
            ? { ...s, speaker: 'zaki narasumber' }
            : s,
    ),
  };

  it('lists the day’s speakers in the order they speak with their materi and JP, then whoever speaks nowhere', () => {
    const sheet = attendanceSheet(scheduled, { kind: 'narasumber', day: '2025-06-02' });
    expect(sheet.rows).toEqual([
      {
        no: 1,
        name: 'Dr. Rudi Hartono',
        position: '',
        materi: 'Materi Satu; Materi Dua',
        jp: '3,5',
      },
      { no: 2, ...ANI, materi: 'Materi Satu', jp: '1,5' }, // co-teaching counts in full
      { no: 3, name: 'Wati Tanpa Sesi', position: 'Widyaiswara', materi: '', jp: '' },
    ]);
    // Zaki speaks on 3 June only: not on 2 June's sheet.
    expect(sheet.rows.map((r) => r.name)).not.toContain('Zaki Narasumber, M.Hum.');
  });

  it('lists a committee narasumber on the days they speak only', () => {
    const sheet = attendanceSheet(scheduled, { kind: 'narasumber', day: '2025-06-03' });
    expect(sheet.rows).toEqual([
      {
        no: 1,
        name: 'Zaki Narasumber, M.Hum.',
        position: 'Perpusnas RI',
        materi: 'Materi B',
        jp: '2',
      },
      { no: 2, name: 'Wati Tanpa Sesi', position: 'Widyaiswara', materi: '', jp: '' },
    ]);
  });

  it('adds JP without floating-point drift', () => {
    const sessions = [0.1, 0.2].map((jp, i) => ({
      speaker: 'Budi Santoso',
      start: `2025-06-02T0${i}:00:00.000Z`,
      title: `Materi ${i + 1}`,
      jp,
    }));
    expect(narasumberOf([], sessions)).toEqual([
      { name: 'Budi Santoso', position: '', materi: ['Materi 1', 'Materi 2'], jp: 0.3 },
    ]);
  });

  it('has narasumber from the sessions alone when the committee lists none, each once', () => {
    expect(
      narasumberOf(
        [],
        [
          { speaker: 'Budi Santoso', start: '2025-06-02T02:00:00.000Z', title: 'B', jp: 1 },
          { speaker: '', start: '2025-06-02T01:00:00.000Z', title: 'A', jp: 1 },
          { speaker: 'BUDI SANTOSO', start: '2025-06-02T03:00:00.000Z', title: 'B', jp: 1 },
        ],
      ),
    ).toEqual([{ name: 'Budi Santoso', position: '', materi: ['B'], jp: 2 }]);
  });
});

describe('the panitia sheet', () => {
  const withDays: SheetSource = {
    ...data,
    event: {
      ...event,
      committee: event.committee.map((m) =>
        m.id === 'p2' ? { ...m, days: ['2025-06-03'] } : m.id === 'p1' ? { ...m, days: [] } : m,
      ),
    },
  };

  it('lists the panitia in the organiser’s order, without signatures or materi', () => {
    const sheet = attendanceSheet(data, { kind: 'panitia', day: '2025-06-03' });
    expect(sheet.title).toBe('DAFTAR HADIR PANITIA');
    expect(sheet.columns).toEqual(['No', 'Nama', 'NIP', 'Jabatan/Instansi', 'Tanda Tangan']);
    expect(sheet.rows).toEqual([
      { no: 1, name: 'Ketua Uji, S.Sos.', position: 'Ketua, Dispersip' },
      { no: 2, name: 'Anggota Uji', position: 'Anggota, Dispersip' },
    ]);
  });

  it('lists a member on the days they serve (none chosen: every day)', () => {
    const second = attendanceSheet(withDays, { kind: 'panitia', day: '2025-06-02' });
    expect(second.rows.map((r) => [r.no, r.name])).toEqual([[1, 'Ketua Uji, S.Sos.']]);
    const third = attendanceSheet(withDays, { kind: 'panitia', day: '2025-06-03' });
    expect(third.rows.map((r) => r.name)).toEqual(['Ketua Uji, S.Sos.', 'Anggota Uji']);
  });
});
