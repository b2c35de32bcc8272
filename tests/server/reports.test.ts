// Reports over real HTTP on the real server: certificates issued from the server's own
// marks (numbered once, re-issued after corrections, revoked when no longer earned), the
// public verification of a real and a forged code, a participant's own download after
// publishing, the export route (XLSX and CSV) and who may use each route.
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CertificateList, MyCertificates, VerifyResponse } from '#sync/certificates';
import {
  enrollDevice,
  errorCode,
  mark,
  ofTable,
  person,
  register,
  registerParticipant,
  request,
  startTestServer,
  upsert,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

// Batch A1's sessions: 1 + 2 + 2 + 2 + 1 = 8 JP; the test event's threshold is 80% (6.4 JP).
const a1 = fixture.sessions.filter((s) => s.batchId === fixture.batches[0]!.id);
const marksFor = (
  participantId: string,
  sessions: typeof a1,
  status: Parameters<typeof mark>[2] = 'hadir',
) => sessions.map((s) => mark(s.id, participantId, status));

/** Without a date, each batch's own (the test event's A1: 2 June 2025). */
const issue = async (organiser: TestDevice, issuedDate?: string) => {
  const reply = await request(server.url, '/api/v1/admin/certificates/issue', {
    token: organiser.token,
    body: issuedDate ? { issuedDate } : {},
  });
  expect(reply.status, reply.text).toBe(200);
  return CertificateList.parse(reply.json);
};
const list = async (organiser: TestDevice) => {
  const reply = await request(server.url, '/api/v1/admin/certificates', { token: organiser.token });
  expect(reply.status, reply.text).toBe(200);
  return CertificateList.parse(reply.json);
};
const verify = (code: string) => request(server.url, `/api/v1/verify/${code}`);
const codeOf = (url: string) => url.split('/').pop()!;

describe('certificates', () => {
  it('numbers the eligible once, lists the others with the reason, and re-issues after corrections', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const phone = await enrollDevice(server, 'participant');
    const siti = person({ fullName: 'Siti Aminah, S.IP.', nip: '198703122010012005', gender: 'P' });
    const budi = person({ fullName: 'Budi Santoso' });
    // Budi was registered by the desk (a phone registers its owner only).
    await phone.send(register(siti));
    await organiser.send(register({ ...budi, source: 'import' }));
    // Siti: sessions 1–4 = 7 JP (87.5%). Budi: sessions 1–2 = 3 JP (37.5%). A certificate
    // states the programme's 8 JP (certificate.jpBasis unset: 'programme').
    await organiser.send(
      ...marksFor(siti.id, a1.slice(0, 4)),
      ...marksFor(budi.id, a1.slice(0, 2)),
    );

    const first = await issue(organiser);
    expect(first.certificates).toHaveLength(1);
    const cert = first.certificates[0]!;
    expect(cert).toMatchObject({
      participantId: siti.id,
      number: '001/BIMTEK-UJI/2025',
      fullName: 'Siti Aminah, S.IP.',
      nip: '198703122010012005',
      jp: 8,
      batchName: 'Angkatan I',
      startDate: '2025-06-02',
      place: 'Banjarbaru',
      signatory: fixture.event.certificate!.signatory,
    });
    expect(cert.verifyUrl).toMatch(new RegExp(`^${server.url}/#/verify/[2-9A-Z]{10}$`));
    const budiEntry = first.ineligible.find((e) => e.participantId === budi.id);
    expect(budiEntry).toMatchObject({ reason: 'belowThreshold', jpEarned: 3, jpTotal: 8 });
    expect(budiEntry!.percent).toBe(37.5);
    expect(first.threshold).toBe(80);

    // Budi's missing sessions are marked late (counted): he gets the next number; Siti keeps hers.
    await organiser.send(...marksFor(budi.id, a1.slice(2), 'terlambat'));
    // Until issued again, the list says one person earned a certificate not issued yet
    // (not "outdated": only an issued certificate can be out of date).
    expect(await list(organiser)).toMatchObject({ outdated: 0, unissued: 1 });
    const second = await issue(organiser, '2025-06-03');
    expect(second).toMatchObject({ outdated: 0, unissued: 0 });
    const numbers = Object.fromEntries(second.certificates.map((c) => [c.fullName, c.number]));
    expect(numbers).toEqual({
      'Siti Aminah, S.IP.': '001/BIMTEK-UJI/2025',
      'Budi Santoso': '002/BIMTEK-UJI/2025',
    });
    const sitiAgain = second.certificates.find((c) => c.participantId === siti.id)!;
    expect(sitiAgain.verifyUrl).toBe(cert.verifyUrl);
    expect(sitiAgain.issuedDate).toBe('2025-06-02'); // the first date of issue stays

    // A correction: Siti was in fact absent from two sessions (5 JP, 62.5%): revoked.
    await organiser.send(...marksFor(siti.id, a1.slice(2, 4), 'tidak_hadir'));
    const stale = await list(organiser);
    expect(stale.outdated).toBe(1); // Siti's certificate no longer matches her marks
    expect(stale.certificates).toHaveLength(2);
    const third = await issue(organiser);
    expect(third.certificates.map((c) => c.fullName)).toEqual(['Budi Santoso']);
    expect(third.revoked).toBe(1);
    const revoked = VerifyResponse.parse((await verify(codeOf(cert.verifyUrl))).json);
    expect(revoked).toMatchObject({ fullName: 'Siti Aminah, S.IP.', revoked: true });
  });

  it('the public check answers without the NIP (a real event’s: valid) and refuses a forged code', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const { participant: siti } = await registerParticipant(server, {
      fullName: 'Siti Aminah, S.IP.',
    });
    await organiser.send(...marksFor(siti.id, a1));
    const [cert] = (await issue(organiser)).certificates;

    const real = await verify(codeOf(cert!.verifyUrl));
    expect(real.status).toBe(200);
    expect(VerifyResponse.parse(real.json)).toEqual({
      number: '001/BIMTEK-UJI/2025',
      fullName: 'Siti Aminah, S.IP.',
      eventName: fixture.event.name,
      organizer: fixture.event.organizer,
      batchName: 'Angkatan I',
      startDate: '2025-06-02',
      endDate: '2025-06-02',
      jp: 8,
      issuedDate: '2025-06-02',
      revoked: false,
      // A real event's certificate (the demo's are never genuine: certificates-issue.test.ts).
      state: 'valid',
      signatory: {
        name: fixture.event.certificate!.signatory!.name,
        title: fixture.event.certificate!.signatory!.title,
      },
    });
    expect(real.text).not.toContain(siti.nip!);
    expect(real.text).not.toContain(fixture.event.certificate!.signatory!.nip);
    // Lower case typed by hand still finds it.
    expect((await verify(codeOf(cert!.verifyUrl).toLowerCase())).status).toBe(200);

    // The organiser erases Siti (participant.delete): her certificate goes with her.
    await organiser.send({ name: 'participant.delete', args: { participantId: siti.id } });
    expect((await verify(codeOf(cert!.verifyUrl))).status).toBe(404);

    for (const forged of [
      'ABCDEFGHJK',
      '001-BIMTEK',
      codeOf(cert!.verifyUrl).replace(/.$/, (c) => (c === 'Z' ? 'Y' : 'Z')),
    ]) {
      const reply = await verify(forged);
      expect(reply.status, forged).toBe(404);
      expect(errorCode(reply)).toBe('NOT_FOUND');
    }
  });

  it('is signed in the event’s city when no place is set, never at the venue', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const venue = `Aula ${'Dinas Perpustakaan dan Kearsipan '.repeat(8)}`.trim();
    const { place: _place, ...certificate } = fixture.event.certificate!;
    const siti = person({ fullName: 'Siti Aminah, S.IP.', source: 'import' });
    await organiser.send(register(siti), ...marksFor(siti.id, a1));
    const placeWith = async (city: string) => {
      const changed = { ...fixture.event, venue, certificate, city };
      const sent = await organiser.send(upsert('event', changed));
      expect(sent.results[0]!.status).toBe('applied');
      const [cert] = (await issue(organiser)).certificates; // parses with the shared schema
      return cert!.place;
    };
    expect(await placeWith('Banjarmasin')).toBe('Banjarmasin');
    // No city either: the certificate names no place (the console warns), not an address.
    expect(await placeWith('')).toBe('');
  });

  it('a participant downloads only their own certificate, and only once published', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const sitiPhone = await enrollDevice(server, 'participant');
    const budiPhone = await enrollDevice(server, 'participant');
    const siti = person({ fullName: 'Siti Aminah, S.IP.' });
    const budi = person({ fullName: 'Budi Santoso' });
    await sitiPhone.send(register(siti));
    await budiPhone.send(register(budi));
    await organiser.send(...marksFor(siti.id, a1), ...marksFor(budi.id, a1));
    await issue(organiser);

    const mine = async (phone: TestDevice) => {
      const reply = await request(server.url, '/api/v1/certificates/mine', { token: phone.token });
      expect(reply.status, reply.text).toBe(200);
      return MyCertificates.parse(reply.json);
    };
    expect(await mine(sitiPhone)).toEqual({ published: false, certificates: [] });

    const publish = (published: boolean) =>
      request(server.url, '/api/v1/admin/certificates/publish', {
        token: organiser.token,
        body: { published },
      });
    expect((await publish(true)).status).toBe(200);
    const sitis = await mine(sitiPhone);
    expect(sitis.published).toBe(true);
    expect(sitis.certificates.map((c) => c.fullName)).toEqual(['Siti Aminah, S.IP.']);
    expect((await mine(budiPhone)).certificates.map((c) => c.fullName)).toEqual(['Budi Santoso']);

    await publish(false);
    expect(await mine(sitiPhone)).toEqual({ published: false, certificates: [] });
  });
});

describe('narasumber, panitia and signatories', () => {
  it('with the official and the signatory, reach the organiser only', async () => {
    const nips = [
      fixture.event.official!.nip,
      fixture.event.certificate!.signatory!.nip,
      ...fixture.event.committee.flatMap((m) => (m.nip ? [m.nip] : [])),
    ];
    expect(nips).toHaveLength(4);
    for (const role of ['organiser', 'staff', 'trainer', 'participant'] as const) {
      const device = await enrollDevice(server, role);
      const [event] = ofTable<{ committee: unknown[]; name: string }>(
        (await device.pullAll(null)).changes,
        'events',
      );
      expect(event!.name).toBe(fixture.event.name);
      const full = role === 'organiser';
      expect(event!.committee, role).toHaveLength(full ? fixture.event.committee.length : 0);
      for (const nip of nips) expect(JSON.stringify(event).includes(nip), role).toBe(full);
    }
  });
});

describe('exports over HTTP', () => {
  it('gives the organiser a real XLSX of every table and a CSV with ";" and a BOM', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const res = await fetch(`${server.url}/api/v1/admin/exports/all`, {
      headers: { authorization: `Bearer ${organiser.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="hadir-all-.*\.xlsx"/,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    const sheets = await readXlsxFile(bytes);
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Peserta',
      'Matriks kehadiran',
      'Log check-in',
      'Rekap kabupaten-kota',
      'Rekap rincian',
      'Register sertifikat',
    ]);
    const sheet = sheets[0]!.data;
    // Title rows (kegiatan, angkatan) come first; the table's header starts with No.
    const head = sheet.findIndex((r) => r[0] === 'No');
    expect(head).toBeGreaterThan(0);
    expect(sheet[head]![2]).toBe('Nama lengkap');
    expect(sheet.slice(head + 1).map((row) => row[2]).length).toBeGreaterThan(0);

    const csv = await fetch(
      `${server.url}/api/v1/admin/exports/recap?format=csv&separator=semicolon&batch=A1`,
      { headers: { authorization: `Bearer ${organiser.token}` } },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // The BOM as bytes: a decoder (fetch's text()) would silently drop it.
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes);
    expect(csvText.slice(0, 39)).toBe('\uFEFFKabupaten/kota;Terdaftar;Daftar tunggu');
    const several = await request(server.url, '/api/v1/admin/exports/all?format=csv', {
      token: organiser.token,
    });
    expect(several.status).toBe(400);
    const unknownBatch = await request(server.url, '/api/v1/admin/exports/recap?batch=Z9', {
      token: organiser.token,
    });
    expect(unknownBatch.status).toBe(404);
    const unknownKind = await request(server.url, '/api/v1/admin/exports/salaries', {
      token: organiser.token,
    });
    expect(unknownKind.status).toBe(404);
  });

  it('refuses every report route to other roles and to no token', async () => {
    const others = await Promise.all(
      (['staff', 'trainer', 'participant'] as const).map((r) => enrollDevice(server, r)),
    );
    const routes: [string, unknown?][] = [
      ['/api/v1/admin/exports/participants'],
      ['/api/v1/admin/certificates'],
      ['/api/v1/admin/certificates/issue', {}],
      ['/api/v1/admin/certificates/publish', { published: true }],
    ];
    for (const [path, body] of routes) {
      expect(errorCode(await request(server.url, path, { body })), path).toBe('UNAUTHENTICATED');
      for (const device of others) {
        const reply = await request(server.url, path, { token: device.token, body });
        expect(errorCode(reply), `${device.role} ${path}`).toBe('FORBIDDEN');
      }
    }
    const staff = others[0]!;
    const mine = await request(server.url, '/api/v1/certificates/mine', { token: staff.token });
    expect(errorCode(mine)).toBe('FORBIDDEN');
  });
});
