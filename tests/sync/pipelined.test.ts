// The engine overlaps its work with the network (issue 20): a batch's answer is written to
// the outbox while the next batch is on its way, and a pull page is written while the next
// is asked for. Whatever fails mid-way, nothing answered is left unwritten and nothing is
// sent or applied twice. The real engine, Dexie and server; the wire fails the requests.
import { describe, expect, it } from 'vitest';
import { pendingCount } from '#db/outbox';
import { MAX_BATCH_MUTATIONS } from '#sync/protocol';
import { fixture } from '#tests/support/fixture';
import { enrollDevice } from '#tests/support/device';
import { register } from '#tests/support/drafts';
import { person } from '#tests/support/factories';
import {
  checkIns,
  errorResponse,
  processed,
  pushedSeqs,
  serverCounts,
  staffDevice,
  useTestServer,
  Wire,
} from '#tests/sync/edge';

const server = useTestServer();

describe('a drain in batches', () => {
  it('writes every answered batch before a failure ends the run; the next run sends the rest once', async () => {
    const wire = new Wire(async (req, forward) =>
      req.path === '/sync/push' && req.nth === 3 ? errorResponse(500, 'INTERNAL') : forward(),
    );
    const device = await staffDevice(server, 'drain', wire);
    await device.sync();
    const total = MAX_BATCH_MUTATIONS * 3 + 17;
    const made = await device.act(() => checkIns(fixture.people[0]!.id, total));

    const failed = await device.sync();
    expect(failed.state).not.toBe('idle');
    // Two batches answered and written; the third refused by the proxy, nothing after it.
    expect(wire.to('/sync/push')).toHaveLength(3);
    expect(await device.act(pendingCount)).toBe(total - 2 * MAX_BATCH_MUTATIONS);
    const acked = await device.act(() => device.db.outbox.where('status').equals('acked').count());
    expect(acked).toBe(2 * MAX_BATCH_MUTATIONS);

    const again = await device.sync();
    expect(again.state).toBe('idle');
    expect(await device.act(pendingCount)).toBe(0);
    // The retry starts where the written answers end: nothing sent twice.
    const pushes = wire.to('/sync/push').filter((e) => e.status === 200);
    const seqs = pushes.flatMap(pushedSeqs);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(processed(server, device.clientId).map((p) => p.status)).toEqual(
      Array(total).fill('applied'),
    );
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual(Array(total).fill(1));
  });

  it('sends each batch once, in order, saying what is unsent while the last answer is being written', async () => {
    const wire = new Wire();
    const device = await staffDevice(server, 'overlap', wire);
    await device.sync();
    const total = MAX_BATCH_MUTATIONS * 4;
    await device.act(() => checkIns(fixture.people[1]!.id, total));
    expect((await device.sync()).state).toBe('idle');
    const pushes = wire.to('/sync/push');
    expect(pushes.map((p) => pushedSeqs(p)[0])).toEqual([1, 201, 401, 601]);
    // What each request said was still unsent: the whole queue less what was answered
    // before it, although the answer before it was still being written.
    expect(pushes.map((p) => p.body.unsent)).toEqual([800, 600, 400, 200]);
  });
});

describe('a pull of many pages', () => {
  it('writes pages in order while asking for the next; stopped between pages, it resumes after the last written', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const people = Array.from({ length: 1_300 }, () => person());
    for (let i = 0; i < people.length; i += MAX_BATCH_MUTATIONS) {
      await organiser.send(...people.slice(i, i + MAX_BATCH_MUTATIONS).map(register));
    }
    let failNext = true;
    const wire = new Wire(async (req, forward) => {
      if (req.path === '/sync/pull' && req.nth === 2 && failNext) {
        failNext = false;
        return errorResponse(503, 'UNAVAILABLE');
      }
      return forward();
    });
    const device = await staffDevice(server, 'pages', wire);
    const first = await device.sync();
    expect(first.state).not.toBe('idle');
    // Page one was written with its cursor; the second, refused, wrote nothing.
    const pageOne = wire.to('/sync/pull')[0]!.json as { changes: { table: string }[] };
    const inPageOne = pageOne.changes.filter((c) => c.table === 'participants').length;
    expect(inPageOne).toBeGreaterThan(0);
    expect(await device.act(() => device.db.participants.count())).toBe(inPageOne);

    const second = await device.sync();
    expect(second.state).toBe('idle');
    const all = server.db
      .prepare("SELECT count(*) AS n FROM rows WHERE tbl = 'participants' AND deleted = 0")
      .get() as { n: number };
    expect(await device.act(() => device.db.participants.count())).toBe(all.n);
    // The second run went on from page one's cursor: page one was not asked for again.
    const pulls = wire.to('/sync/pull');
    expect(pulls[0]!.body.cursor).toBeNull();
    expect(pulls[2]!.body.cursor).toEqual((pulls[0]!.json as { cursor: unknown }).cursor);
  });
});
