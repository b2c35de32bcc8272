// Issue 7, point 5: a trainer's phone marks a 30-person session with the network cut
// ("mark everyone who checked in", then the exceptions: one Izin by right-click, one
// Sakit by press-and-hold, one tapped on to Terlambat), reloads offline (the marks are
// kept and still unsent), reconnects and sends them all. A check-in desk's conflicting
// marks resolve by the highest (hlc, clientId) on every device: a later one wins although
// the server got it before the trainer's, an earlier one loses although it came last.
// The organiser's console shows each person's JP, percentage and certificate eligibility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { winningByParticipant } from '#domain/attendance';
import {
  DEMO_EVENT_ID,
  demoBatches,
  demoEvent,
  demoParticipants,
  demoSessions,
} from '#domain/demo';
import type { AttendanceMark, AttendanceStatus, Participant } from '#domain/model';
import { formatTime } from '#domain/time';
import { createEnrollCode, setOrganiserPassword } from '#server/auth';
import { rowsOfEvent } from '#server/store/rows';
import {
  checkin,
  enrollDevice,
  hlcAt,
  mark,
  ofTable,
  person as newPerson,
  register,
  type TestDevice,
} from '#tests/server/support';
import {
  badge,
  cutServer,
  launchBrowser,
  restoreServer,
  sendNow,
  serveApp,
  unreachable,
  type AppServer,
  waitForServiceWorker,
} from './support';

/** The scheduler pulls every 15 s; allow two periods, a push and a render. */
const CONVERGE_TIMEOUT = 45_000;
const PASSWORD = 'rahasia-panitia-2025';
const TZ = demoEvent.timezone;
const BATCH = demoBatches[0]!; // Angkatan I, Senin 2 Juni 2025
const DAY = BATCH.startDate;
// "Kebijakan pembinaan jabatan fungsional pustakawan", 08.15–09.45 WITA, 2 JP.
const SESSION = demoSessions.find((s) => s.batchId === BATCH.id && s.jp === 2)!;
const OTHER_SESSIONS = demoSessions.filter((s) => s.batchId === BATCH.id && s !== SESSION);
/** JP of the whole batch: 1 + 2 + 2 + 2 + 1. */
const BATCH_JP = demoSessions.filter((s) => s.batchId === BATCH.id).reduce((n, s) => n + s.jp, 0);
const LABEL: Record<AttendanceStatus | 'unmarked', string> = {
  hadir: 'Hadir',
  terlambat: 'Terlambat',
  izin: 'Izin',
  sakit: 'Sakit',
  tidak_hadir: 'Tidak hadir',
  unmarked: 'Belum ditandai',
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A WITA wall time on the batch's day, as a UTC instant. */
const wita = (time: string) => new Date(`${DAY}T${time}:00+08:00`).toISOString();
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

// Librarians of Angkatan I besides the demo's three (invented, like the demo's).
// prettier-ignore
const NAMES = [
  'Rahmat Hidayat, S.IP.', 'Siti Noorhasanah, S.Hum.', 'Akhmad Syahrani', 'Dewi Rusdiana, S.Pd.',
  'Muhammad Arsyad, S.Sos.', 'Hj. Fatimah Zahra, S.Ag.', 'Gusti Fauzan Rahman, A.Md.',
  'Nurul Hairani, S.IP.', 'Yusuf Maulana', 'Rina Handayani, S.E.', 'Abdul Hakim, S.Kom.',
  'Khairunnisa, S.IP., M.Hum.', 'Taufik Zainuddin', 'Raudah Wahyuni, S.Pd.',
  'Syahrul Effendi, S.Sos.', 'Annisa Rahmawati, A.Md.', 'Drs. Bambang Santoso',
  'Mariam Hasanah, S.Hum.', 'Irwan Saputra, S.IP.', 'Halimah Sari', 'Fajar Prasetyo, S.Kom.',
  'Noor Aminah, S.Ag.', 'Hendra Wijaya, S.E.', 'Lestari Kurniawati, S.Pd.', 'Aditya Nasution',
  'Maya Syahrani, S.IP.', 'Eko Lubis, A.Md.',
];
const PLACES = [
  ['Dinas Perpustakaan dan Kearsipan Kota Banjarbaru', '63.72'],
  ['Perpustakaan SMA Negeri 2 Banjarmasin', '63.71'],
  ['Dinas Perpustakaan dan Kearsipan Kab. Hulu Sungai Selatan', '63.06'],
  ['Perpustakaan Desa Gambut Barat', '63.03'],
] as const;

/** The session's 30 people: the demo's three of Angkatan I and 27 registered here. */
function rosterPeople(): { seeded: Participant[]; roster: Participant[]; everyone: Participant[] } {
  const seeded = NAMES.map((fullName, i) =>
    newPerson({
      eventId: DEMO_EVENT_ID,
      batchId: BATCH.id,
      fullName,
      institution: PLACES[i % PLACES.length]![0],
      regionCode: PLACES[i % PLACES.length]![1],
      phone: `+62813${String(5_100_000 + i)}`,
      source: 'import',
    }),
  );
  const demo = demoParticipants.filter((p) => p.batchId === BATCH.id);
  const roster = [...demo, ...seeded];
  return { seeded, roster, everyone: [...demoParticipants, ...seeded] };
}

/** People whose name no one else's name or institution contains: rows found by name. */
function distinct(roster: Participant[], everyone: Participant[]): Participant[] {
  return roster.filter((p) =>
    everyone.every(
      (o) =>
        o.id === p.id || (!o.fullName.includes(p.fullName) && !o.institution.includes(p.fullName)),
    ),
  );
}

const serverMarks = (server: AppServer): AttendanceMark[] =>
  rowsOfEvent<AttendanceMark>(server.db, DEMO_EVENT_ID, 'marks').map((r) => r.data);
const sessionMarks = (server: AppServer) =>
  serverMarks(server).filter((m) => m.sessionId === SESSION.id);

// --- the trainer's phone --------------------------------------------------------------

const row = (page: Page, p: Participant) =>
  page.getByTestId('roster-row').filter({ hasText: p.fullName });
const statusOf = (page: Page, p: Participant) => row(page, p).getByTestId('status').textContent();

async function counts(page: Page): Promise<Record<AttendanceStatus | 'unmarked', number>> {
  const read = async (s: string) => Number(await page.getByTestId(`count-${s}`).textContent());
  return {
    hadir: await read('hadir'),
    terlambat: await read('terlambat'),
    izin: await read('izin'),
    sakit: await read('sakit'),
    tidak_hadir: await read('tidak_hadir'),
    unmarked: await read('unmarked'),
  };
}

/** Every roster row as "name: status", as the status buttons announce it. */
const shownStatuses = (page: Page) =>
  page
    .getByTestId('status')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '').sort());

/** The same, from a list of marks (the server's, or what another device pulled). */
function expectedStatuses(roster: Participant[], marks: AttendanceMark[]): string[] {
  const current = winningByParticipant(marks.filter((m) => m.sessionId === SESSION.id));
  return roster
    .map((p) => `${p.fullName}: ${LABEL[current.get(p.id)?.status ?? 'unmarked']}`)
    .sort();
}

const history = (page: Page, p: Participant) =>
  row(page, p)
    .getByTestId('history')
    .locator('li')
    .allTextContents()
    .then((items) => items.map(squash));

async function openSession(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sesi', exact: true }).click();
  await expect.poll(() => page.getByTestId('session').count()).toBe(1);
  expect(await page.getByTestId('session').textContent()).toContain(SESSION.title);
  await page.getByTestId('session').tap();
  await expect.poll(() => page.getByTestId('roster-row').count()).toBe(30);
}

/** The server stops answering the phone (its Wi-Fi or data stays up). */
async function cut(context: BrowserContext): Promise<void> {
  await cutServer(context);
}

/** It answers again; the trainer taps "Kirim sekarang" on the badge. */
async function restore(context: BrowserContext, page: Page): Promise<void> {
  await restoreServer(context);
  await sendNow(page);
}

// --- the organiser's console ------------------------------------------------------------

const person = (page: Page, p: Participant) =>
  page.getByTestId('person').filter({ hasText: p.fullName });
const credit = async (page: Page, p: Participant) => ({
  credit: squash(await person(page, p).getByTestId('credit').textContent()),
  eligible: squash(await person(page, p).getByTestId('eligible').textContent()),
});

describe('trainer marks a session offline', () => {
  it(
    'mark all then exceptions, reload offline, reconnect; conflicts converge; organiser sees JP',
    { timeout: 300_000 },
    async () => {
      const server = await serveApp();
      setOrganiserPassword(server.db, PASSWORD);
      const target = { url: server.url, db: server.db, eventId: DEMO_EVENT_ID };
      const contexts: BrowserContext[] = [];
      try {
        // 1. The session's 30 people, their venue check-ins that morning (three of them
        //    after the session began), and earlier sessions some of them attended.
        const { seeded, roster, everyone } = rosterPeople();
        expect(roster).toHaveLength(30);
        const organiserApi = await enrollDevice(target, 'organiser');
        const imported = await organiserApi.send(...seeded.map(register));
        expect(imported.results.every((r) => r.status === 'applied')).toBe(true);
        const named = distinct(roster, everyone);
        expect(named.length).toBeGreaterThanOrEqual(9);
        const [H, T, I, S, Q, X, P, late2, late3] = named as [
          Participant,
          Participant,
          Participant,
          Participant,
          Participant,
          Participant,
          Participant,
          Participant,
          Participant,
        ];
        const late = [T, late2, late3];
        const absent = [I, S]; // no venue check-in: the trainer decides
        const early = roster.filter((p) => !late.includes(p) && !absent.includes(p));
        expect(early).toHaveLength(25);

        const desk: TestDevice = await enrollDevice(target, 'staff');
        const checkins = await desk.send(
          ...early.map((p, i) =>
            checkin(p.id, {
              eventId: DEMO_EVENT_ID,
              day: DAY,
              at: wita(`07:${String(10 + i).padStart(2, '0')}`),
              method: 'search',
            }),
          ),
          ...late.map((p, i) =>
            checkin(p.id, {
              eventId: DEMO_EVENT_ID,
              day: DAY,
              at: wita(['08:25', '08:40', '09:05'][i]!),
              method: 'qr',
            }),
          ),
        );
        expect(checkins.results.every((r) => r.status === 'applied')).toBe(true);

        // H, T, I and X attended every other session of the day (marked by the organiser;
        // T, who reached the venue late, came late to the opening too).
        const opening = OTHER_SESSIONS[0]!;
        const earlier = await organiserApi.send(
          ...[H, T, I, X].flatMap((p) =>
            OTHER_SESSIONS.map((s) =>
              mark(s.id, p.id, p === T && s === opening ? 'terlambat' : 'hadir', {
                eventId: DEMO_EVENT_ID,
              }),
            ),
          ),
        );
        expect(earlier.results.every((r) => r.status === 'applied')).toBe(true);

        // 2. The trainer's phone enrols with a code for this one session.
        const phone = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 3,
          isMobile: true,
          hasTouch: true,
        });
        contexts.push(phone);
        const t = await phone.newPage();
        t.setDefaultTimeout(15_000);
        await t.goto(`${server.url}/#/device`);
        await expect
          .poll(() => t.getByTestId('sync-state').textContent())
          .toBe('Perangkat belum didaftarkan');
        const code = createEnrollCode(server.db, {
          role: 'trainer',
          eventId: DEMO_EVENT_ID,
          name: 'HP Narasumber',
          sessionIds: [SESSION.id],
        }).code;
        await t.getByTestId('enroll-code').fill(code);
        await t.getByRole('button', { name: 'Daftarkan' }).tap();
        await expect.poll(() => t.getByTestId('device-role').textContent()).toBe('Narasumber');
        await expect
          .poll(() => t.getByTestId('sync-state').textContent(), { timeout: 20_000 })
          .toBe('Tersinkron');
        await expect.poll(() => badge(t)).toBe('Semua tersimpan');
        await waitForServiceWorker(t);

        await openSession(t);
        expect(await counts(t)).toEqual({ ...zero(), unmarked: 30 });
        // The check-ins arrived with the roster: arrival times and suggestions are shown.
        await expect.poll(() => row(t, T).textContent()).toContain('Check-in 08.25 WITA');
        expect(await row(t, T).textContent()).toContain('saran: Terlambat');
        expect(await row(t, H).textContent()).toContain('saran: Hadir');
        expect(await row(t, I).textContent()).toContain('Belum check-in');

        // 3. The network goes; the trainer marks everyone who checked in, then exceptions.
        await cut(phone);
        const beforeMarks = Date.now();
        await t.getByTestId('mark-arrived').tap();
        await expect.poll(() => t.getByText('28 peserta ditandai dari check-in.').count()).toBe(1);
        await expect
          .poll(() => counts(t))
          .toEqual({
            ...zero(),
            hadir: 25,
            terlambat: 3,
            unmarked: 2,
          });
        expect(await statusOf(t, H)).toBe('Hadir');
        for (const p of late) expect(await statusOf(t, p)).toBe('Terlambat');

        // I: right-click opens the chooser → Izin.
        await row(t, I).getByTestId('status').click({ button: 'right' });
        const chooser = (p: Participant) =>
          t.getByRole('group', { name: `Pilih status untuk ${p.fullName}` });
        await chooser(I).getByRole('button', { name: 'Izin', exact: true }).tap();
        await expect.poll(() => statusOf(t, I)).toBe('Izin');
        expect(await chooser(I).count()).toBe(0);

        // S: press and hold for the chooser; letting go does not also move the status on.
        const hold = row(t, S).getByTestId('status');
        await hold.scrollIntoViewIfNeeded();
        const box = (await hold.boundingBox())!;
        await t.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await t.mouse.down();
        await expect.poll(() => chooser(S).count()).toBe(1);
        await t.mouse.up();
        expect(await statusOf(t, S)).toBe('Belum ditandai');
        await chooser(S).getByRole('button', { name: 'Sakit', exact: true }).tap();
        await expect.poll(() => statusOf(t, S)).toBe('Sakit');

        // Q: one tap moves Hadir on to Terlambat (came back late from the break).
        expect(await statusOf(t, Q)).toBe('Hadir');
        await row(t, Q).getByTestId('status').tap();
        await expect.poll(() => statusOf(t, Q)).toBe('Terlambat');

        const marked = { ...zero(), hadir: 24, terlambat: 4, izin: 1, sakit: 1 };
        await expect.poll(() => counts(t)).toEqual(marked);
        const unsent = 28 + 3;
        await expect.poll(() => badge(t)).toBe(unreachable(unsent));
        expect(sessionMarks(server)).toHaveLength(0);

        // 4. Meanwhile a desk marks X (whom the trainer marked Hadir) as Izin: later, so it
        //    wins, although the server gets it before the trainer's mark.
        const laterAt = new Date().toISOString();
        const laterHlc = hlcAt(desk.clientId, Date.now());
        const sent = await desk.send({
          ...mark(SESSION.id, X.id, 'izin', { eventId: DEMO_EVENT_ID, at: laterAt }),
          hlc: laterHlc,
        });
        expect(sent.results[0]!.status).toBe('applied');

        // 5. Reload with the network still cut: every mark is still there, still unsent.
        await t.reload();
        await expect.poll(() => badge(t)).toBe(unreachable(unsent));
        await openSession(t);
        await expect.poll(() => counts(t)).toEqual(marked);
        expect(await statusOf(t, H)).toBe('Hadir');
        expect(await statusOf(t, T)).toBe('Terlambat');
        expect(await statusOf(t, I)).toBe('Izin');
        expect(await statusOf(t, S)).toBe('Sakit');
        expect(await statusOf(t, Q)).toBe('Terlambat');
        expect(await statusOf(t, X)).toBe('Hadir'); // the desk's mark has not reached it
        expect(sessionMarks(server)).toHaveLength(1);

        // 6. Back online: everything is sent, and the desk's later mark shows on the phone.
        await restore(phone, t);
        const trainerMarks = () => sessionMarks(server).filter((m) => m.deviceId !== desk.clientId);
        await expect.poll(() => trainerMarks().length, { timeout: CONVERGE_TIMEOUT }).toBe(unsent);
        await expect.poll(() => badge(t), { timeout: CONVERGE_TIMEOUT }).toBe('Semua tersimpan');
        const trainerId = trainerMarks()[0]!.deviceId;
        expect(new Set(trainerMarks().map((m) => m.deviceId))).toEqual(new Set([trainerId]));
        const trainersMarkOf = (p: Participant) =>
          trainerMarks()
            .filter((m) => m.participantId === p.id)
            .sort((a, b) => a.hlc.localeCompare(b.hlc))
            .at(-1)!;
        expect(trainersMarkOf(X).status).toBe('hadir');
        expect(laterHlc > trainersMarkOf(X).hlc).toBe(true); // the precondition of "later"

        await expect.poll(() => statusOf(t, X), { timeout: CONVERGE_TIMEOUT }).toBe('Izin');
        const resolved = { ...marked, hadir: 23, izin: 2 };
        await expect.poll(() => counts(t)).toEqual(resolved);
        await row(t, X).getByRole('button', { name: X.fullName, exact: true }).tap();
        await expect
          .poll(() => history(t, X))
          .toEqual([
            `Izin · ${formatTime(laterAt, TZ, 'id')} · perangkat lain`,
            `Hadir · ${formatTime(trainersMarkOf(X).at, TZ, 'id')} · perangkat ini`,
          ]);

        // 7. A desk that was offline all morning sends a mark of I as Hadir made a minute
        //    before the trainer's Izin: it comes last but is earlier, so Izin stays.
        const staleWall = beforeMarks - 60_000;
        const staleAt = new Date(staleWall).toISOString();
        const stale = await desk.send({
          ...mark(SESSION.id, I.id, 'hadir', { eventId: DEMO_EVENT_ID, at: staleAt }),
          hlc: hlcAt(desk.clientId, staleWall),
        });
        expect(stale.results[0]!.status).toBe('applied');
        expect(trainersMarkOf(I).status).toBe('izin');
        await row(t, I).getByRole('button', { name: I.fullName, exact: true }).tap();
        await expect
          .poll(() => history(t, I), { timeout: CONVERGE_TIMEOUT })
          .toEqual([
            `Izin · ${formatTime(trainersMarkOf(I).at, TZ, 'id')} · perangkat ini`,
            `Hadir · ${formatTime(staleAt, TZ, 'id')} · perangkat lain`,
          ]);
        expect(await statusOf(t, I)).toBe('Izin');
        expect(await counts(t)).toEqual(resolved);

        // 8. One state everywhere: the server, the phone, and the desk after a full pull.
        expect(sessionMarks(server)).toHaveLength(unsent + 2); // every mark kept (audit)
        const serverState = expectedStatuses(roster, serverMarks(server));
        expect(serverState).toContain(`${X.fullName}: Izin`);
        expect(serverState).toContain(`${I.fullName}: Izin`);
        expect(await shownStatuses(t)).toEqual(serverState);
        const pulled = ofTable<AttendanceMark>((await desk.pullAll()).changes, 'marks');
        expect(expectedStatuses(roster, pulled)).toEqual(serverState);

        // 9. The organiser's console: JP, percentage and eligibility per person, from the
        //    winning marks; sessions nobody marked count as not attended.
        const desktop = await browser.newContext({ viewport: { width: 1100, height: 900 } });
        contexts.push(desktop);
        const o = await desktop.newPage();
        o.setDefaultTimeout(15_000);
        await o.goto(`${server.url}/#/organiser`);
        await o.getByTestId('organiser-password').fill(PASSWORD);
        await o.getByRole('button', { name: 'Masuk' }).click();
        await o.getByRole('button', { name: 'Peserta', exact: true }).click();
        await expect
          .poll(() => o.getByTestId('person').count(), { timeout: CONVERGE_TIMEOUT })
          .toBe(everyone.length);
        const full = `${BATCH_JP}/${BATCH_JP} JP · 100%`;
        const expected: [Participant, { credit: string; eligible: string }][] = [
          [H, { credit: full, eligible: 'Layak sertifikat' }], // hadir everywhere
          [T, { credit: full, eligible: 'Layak sertifikat' }], // late counts as present
          [I, { credit: '6/8 JP · 75%', eligible: 'Belum layak' }], // izin: excused, no JP
          [X, { credit: '6/8 JP · 75%', eligible: 'Belum layak' }], // the desk's later Izin
          [P, { credit: '2/8 JP · 25%', eligible: 'Belum layak' }], // only this session
          [S, { credit: '0/8 JP · 0%', eligible: 'Belum layak' }], // sakit
        ];
        expect(BATCH_JP).toBe(8);
        for (const [p, want] of expected) {
          expect(await person(o, p).count()).toBe(1);
          await expect.poll(() => credit(o, p), { timeout: CONVERGE_TIMEOUT }).toEqual(want);
        }
      } finally {
        for (const c of contexts) await c.close();
        await server.stop();
      }
    },
  );
});

function zero(): Record<AttendanceStatus | 'unmarked', number> {
  return { hadir: 0, terlambat: 0, izin: 0, sakit: 0, tidak_hadir: 0, unmarked: 0 };
}
