// Shared by the server benches: a device on the raw wire (as an integrator's client
// would talk), pushing batches and timing each, and the mutations they push.
import { newId } from '#domain/ids';
import { SCHEMA_VERSION } from '#db/database';
import { DEMO_EVENT_ID, demoBatches, demoParticipants } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import type { Participant } from '#domain/model';
import type { MutationArgs } from '#domain/mutations';
import { parseNip } from '#domain/nip';
import { PROTOCOL_VERSION, type PushResponse, type WireMutation } from '#sync/protocol';

export const BATCH = 200;
const now = () => performance.now();

export async function api(
  url: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; json: unknown; ms: number; bytesOut: number }> {
  const text = JSON.stringify(body);
  const t0 = now();
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: text,
  });
  const json: unknown = await res.json();
  return { status: res.status, json, ms: now() - t0, bytesOut: Buffer.byteLength(text) };
}

/** A device enrolled with raw HTTP with `code`; its token. */
export async function enrollRaw(url: string, code: string, clientId: string): Promise<string> {
  const reply = await api(url, '/devices/enroll', {
    enrollCode: code,
    deviceInfo: { clientId, name: `bench ${clientId}` },
  });
  if (reply.status !== 200) throw new Error(`enrol: ${reply.status} ${JSON.stringify(reply.json)}`);
  return (reply.json as { token: string }).token;
}

export interface PushRun {
  seconds: number;
  batchMs: number[];
  bytesPerBatch: number;
}

/** A push made ready before it is timed: what a bench measures is the server, not this
 * process building 200 mutations (their ids and JSON took as long as the server's work). */
export interface PreparedPush {
  body: string;
  first: number;
  count: number;
}

/** A device's pushes, numbered from seq 1: `prepare` the next batch, then `send` it and
 * check that every mutation applied. */
export function wireDevice(url: string, token: string, clientId: string) {
  let seq = 0;
  const prepare = (name: string, args: unknown[]): PreparedPush => {
    const wall = Date.now();
    const first = seq + 1;
    const mutations: WireMutation[] = args.map((a, i) => ({
      seq: ++seq,
      id: newId(),
      name,
      args: a,
      hlc: formatHlc({ wall, counter: i, node: clientId }),
      createdAt: new Date(wall).toISOString(),
    }));
    const req = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, clientId };
    return { body: JSON.stringify({ ...req, mutations }), first, count: args.length };
  };
  const send = async (push: PreparedPush): Promise<{ ms: number; bytesOut: number }> => {
    const t0 = now();
    const res = await fetch(`${url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: push.body,
    });
    const json = (await res.json()) as PushResponse;
    const ms = now() - t0;
    const bad = json.results?.find((r) => r.status !== 'applied');
    if (res.status !== 200 || bad || json.lastProcessedSeq !== push.first + push.count - 1) {
      throw new Error(`push: ${res.status} ${JSON.stringify(bad ?? json).slice(0, 300)}`);
    }
    return { ms, bytesOut: Buffer.byteLength(push.body) };
  };
  return { prepare, send };
}

/** A device's batches of 200 (seq 1…n), made ready to send. */
export function prepareAll(
  url: string,
  token: string,
  clientId: string,
  name: string,
  args: unknown[],
) {
  const device = wireDevice(url, token, clientId);
  const batches: PreparedPush[] = [];
  for (let start = 0; start < args.length; start += BATCH) {
    batches.push(device.prepare(name, args.slice(start, start + BATCH)));
  }
  return { device, batches };
}

/** Send prepared batches one after another, as a device drains its queue; every
 * mutation must apply. */
export async function sendAll({
  device,
  batches,
}: ReturnType<typeof prepareAll>): Promise<PushRun> {
  const batchMs: number[] = [];
  let bytes = 0;
  const t0 = now();
  for (const batch of batches) {
    const { ms, bytesOut } = await device.send(batch);
    batchMs.push(ms);
    bytes += bytesOut;
  }
  return { seconds: (now() - t0) / 1000, batchMs, bytesPerBatch: bytes / batchMs.length };
}

/** Push `args` as mutations `name` in batches of 200, prepared before the clock starts. */
export const pushAll = (
  url: string,
  token: string,
  clientId: string,
  name: string,
  args: unknown[],
) => sendAll(prepareAll(url, token, clientId, name, args));

export function checkinArgs(
  i: number,
  participantIds: readonly string[] = demoParticipants.map((p) => p.id),
  eventId = DEMO_EVENT_ID,
): MutationArgs<'checkin.record'> {
  const at = new Date().toISOString();
  return {
    checkinId: newId(),
    eventId,
    participantId: participantIds[i % participantIds.length]!,
    day: '2025-06-02',
    at,
    method: 'qr',
  };
}

/** A distinct, well-formed PNS NIP per i: birth date (one of 9,000 days from 1965), TMT
 * 25 years later, gender, and a sequence number telling the blocks of 9,000 apart. */
function nipFor(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (i % 9_000) * 86_400_000);
  const y = birth.getUTCFullYear();
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const tmt = `${y + 25}${String((i % 12) + 1).padStart(2, '0')}`;
  const nip = `${y}${mm}${dd}${tmt}${i % 2 ? 2 : 1}${String(Math.floor(i / 9_000) + 1).padStart(3, '0')}`;
  const check = parseNip(nip, { gender: i % 2 ? 'P' : 'L' });
  if (!check.ok) throw new Error(`bench NIP ${nip} is invalid: ${check.code}`);
  return nip;
}

export function registrationArgs(i: number): MutationArgs<'participant.register'> {
  const participant: Participant = {
    id: `bench-p${i}`,
    eventId: DEMO_EVENT_ID,
    batchId: demoBatches[i % demoBatches.length]!.id,
    fullName: `Peserta Bench ${i + 1}, S.IP.`,
    employmentStatus: 'pns',
    nip: nipFor(i),
    gender: i % 2 ? 'P' : 'L',
    position: 'pustakawan_ahli_pertama',
    institution: 'Dinas Perpustakaan dan Kearsipan Kota Banjarmasin',
    regionCode: '63.71',
    libraryType: 'umum_kabkota',
    phone: `+62812${String(10_000_000 + i).padStart(8, '0')}`,
    certificationIntention: 'ya',
    consentAt: '2025-05-20T02:00:00.000Z',
    source: 'import',
    status: 'registered',
    ticketCode: `B${String(i).padStart(6, '0')}`,
    needsReview: false,
    createdAt: '2025-05-20T02:00:00.000Z',
    updatedAt: '2025-05-20T02:00:00.000Z',
  };
  return { participant };
}
