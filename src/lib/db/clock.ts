// The device's hybrid logical clock, persisted in `meta` so stamps keep increasing
// across reloads. Must be called inside the transaction that uses the stamp.
import { initialHlc, receive, tick, type HlcState } from '#domain/hlc';
import { clientId, getMeta, setMeta } from '#db/meta';

/** Milliseconds to add to Date.now(), learnt from the server's time (CLOCK_SKEW). */
export async function clockOffset(): Promise<number> {
  return (await getMeta('clockOffset')) ?? 0;
}

export async function setClockOffset(ms: number): Promise<void> {
  await setMeta('clockOffset', ms);
}

export async function correctedNow(): Promise<number> {
  return Date.now() + (await clockOffset());
}

async function state(): Promise<HlcState> {
  return (await getMeta('hlc')) ?? initialHlc(await clientId());
}

/** A new stamp for a local write. */
export async function stamp(): Promise<string> {
  // Both reads at once: each await inside a transaction is a round trip to IndexedDB,
  // and a desk's check-in waits for every one of them (issue 20).
  const [current, now] = await Promise.all([state(), correctedNow()]);
  const next = tick(current, now);
  await setMeta('hlc', next.state);
  return next.stamp;
}

/** Merge a stamp seen from another device so later local stamps sort after it. */
export async function receiveStamp(remote: string): Promise<void> {
  await setMeta('hlc', receive(await state(), remote, await correctedNow()));
  // Remembered apart from the clock: a re-stamp after CLOCK_SKEW restarts the clock but
  // must still sort after everything this device has seen from others.
  const seen = await getMeta('hlcSeen');
  if (!seen || remote > seen) await setMeta('hlcSeen', remote);
}
