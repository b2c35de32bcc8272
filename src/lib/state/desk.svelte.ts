// The check-in desk: the event's people in a search index, today's arrivals (this and
// other tablets'), one-tap check-in with a confirmation, and the counters of today's batch.
import { deskCounters, firstCheckins, type DeskCounters } from '#domain/checkins';
import { deskCheck, deskDay, expectedBatches, type DeskDay } from '#domain/desk-day';
import { DeskIndex } from '#domain/desk-search';
import type { Batch, VenueCheckIn } from '#domain/model';
import { parseTicket } from '#domain/ticket';
import { todayIn } from '#domain/time';
import type { Walkin } from '#domain/walkin';
import { checkInWalkin, checkinsOn, recordCheckin, undoCheckin } from '#db/checkins';
import { toParticipantRow, type ParticipantRow } from '#db/database';
import { canonicalParticipantId } from '#db/mutations';
import { clientId } from '#db/meta';
import { participantsInSlices } from '#db/participants';
import { DeskNotices, type Confirmation } from '#state/desk-notices.svelte';
import { errorReport } from '#state/errors.svelte';
import { LiveQuery } from '#state/live.svelte';

/** A check-in waiting for the participant's signature on the tablet. */
export interface Signing {
  name: string;
  /** The path data; undefined = go on without; null = do not check in after all. */
  finish: (signature: string | undefined | null) => void;
}

export class Desk {
  readonly eventId: string;
  readonly timezone: string;
  query = $state('');
  /** What is shown for the last person: confirmation, refusal, warning, problem. */
  readonly notices = new DeskNotices();
  /** This tablet's client id: "checked in here" versus "at another desk". */
  me = $state<string | undefined>(undefined);
  #people: LiveQuery<ParticipantRow[]>;
  #today: LiveQuery<VenueCheckIn[]>;
  #index: DeskIndex<ParticipantRow>;
  /** Not reactive: only the last index, whose prepared entries the next one reuses. */
  #previous: DeskIndex<ParticipantRow> | undefined;
  // Derived once per change, not once per result row that reads them.
  #results: ParticipantRow[];
  #arrived: Map<string, VenueCheckIn>;
  #counters: DeskCounters;
  #schedule: DeskDay;

  /** Read at each check-in: the organiser may turn signatures on or off while the desk
   * is open, or change the batches. */
  readonly #signatures: () => boolean;
  signing = $state<Signing | undefined>(undefined);

  /** Today in the event's timezone; `tick()` moves it on at midnight. */
  day = $state('');

  constructor(
    eventId: string,
    timezone: string,
    signatures: () => boolean = () => false,
    batches: () => Batch[] = () => [],
  ) {
    this.eventId = eventId;
    this.timezone = timezone;
    this.#signatures = signatures;
    this.day = todayIn(timezone);
    this.#people = new LiveQuery(() => participantsInSlices(eventId), []);
    // A new query when the day changes: a desk left open overnight starts the new day empty.
    this.#today = $derived.by(() => {
      const day = this.day;
      return new LiveQuery(() => checkinsOn(eventId, day), []);
    });
    // Rebuilt only when the people change (a pull), never per keystroke.
    this.#index = $derived.by(() => {
      this.#previous = new DeskIndex(this.#people.current, this.#previous);
      return this.#previous;
    });
    this.#results = $derived(this.#index.search(this.query));
    this.#arrived = $derived(firstCheckins(this.#today.current));
    this.#schedule = $derived(deskDay(batches(), this.day));
    this.#counters = $derived(
      deskCounters(this.#people.current, this.#today.current, expectedBatches(this.#schedule)),
    );
    void clientId().then((id) => (this.me = id));
  }

  get loaded(): boolean {
    return this.#people.loaded;
  }

  get people(): ParticipantRow[] {
    return this.#people.current;
  }

  get results(): ParticipantRow[] {
    return this.#results;
  }

  /** The first check-in today per person. */
  get arrived(): Map<string, VenueCheckIn> {
    return this.#arrived;
  }

  get counters(): DeskCounters {
    return this.#counters;
  }

  /** Today's batches, and whether today is within the event's batches at all. */
  get schedule(): DeskDay {
    return this.#schedule;
  }

  /** What the desk must say about a person before checking them in. */
  check(person: ParticipantRow) {
    return deskCheck(person, this.#schedule);
  }

  /** Called every minute by the page: after midnight, today's arrivals start afresh. */
  tick(): void {
    const day = todayIn(this.timezone);
    if (day !== this.day) this.day = day;
  }

  /** Something typed in the search field: the next person, so the last one's notices go
   * (an emptied field is not a person yet). */
  typed(value: string): void {
    if (value.trim()) this.notices.clear();
  }

  /**
   * Enter in the search field: a ticket QR typed by a keyboard-wedge scanner checks its
   * person in; one result left checks that one in.
   */
  async submit(): Promise<void> {
    if (parseTicket(this.query)) {
      const text = this.query;
      this.query = '';
      await this.acceptTicket(text);
      return;
    }
    const [only, ...more] = this.results;
    if (only && more.length === 0) await this.checkIn(only);
  }

  /**
   * A ticket QR read by the camera or a keyboard-wedge scanner. True when its person was
   * checked in; otherwise the notices say why in words.
   */
  async acceptTicket(text: string): Promise<boolean> {
    this.notices.clear();
    const ticket = parseTicket(text);
    const find = (id: string) => this.#people.current.find((p) => p.id === id);
    const person = ticket && find(ticket.participantId);
    if (person && person.ticketCode === ticket.ticketCode) return this.checkIn(person, 'qr');
    if (person) {
      this.notices.problem = 'wrongCode';
      return false;
    }
    // A ticket saved before its registration was merged into an earlier one with the same
    // NIP: it names an alias and carries no code of the earlier registration. Whoever
    // typed someone's NIP could hold such a ticket, so the desk checks identity and taps.
    const canonical = ticket && (await canonicalParticipantId(ticket.participantId));
    const merged = canonical && canonical !== ticket.participantId ? find(canonical) : undefined;
    this.notices.problem = merged ? 'mergedTicket' : 'unknownTicket';
    if (merged) this.query = merged.nip ?? merged.fullName;
    return false;
  }

  /**
   * Ask for the signature when the event wants one. Resolves to the path data, to
   * undefined (skipped: signs on paper), or to null (the check-in is called off).
   */
  #sign(name: string): Promise<string | undefined | null> {
    if (!this.#signatures()) return Promise.resolve(undefined);
    this.signing?.finish(null); // a second person tapped before the first signed
    return new Promise((resolve) => {
      this.signing = {
        name,
        finish: (signature) => {
          this.signing = undefined;
          resolve(signature);
        },
      };
    });
  }

  /**
   * Check a person in; a second time today is kept as a repeat, never refused. A cancelled
   * registration is refused; a warning (another batch, waitlisted) holds the check-in until
   * `overrideWarning()`. True when checked in.
   */
  async checkIn(person: ParticipantRow, method: 'search' | 'qr' = 'search'): Promise<boolean> {
    const check = this.check(person);
    this.notices.clear(); // the previous person's green must not stay while this one signs
    if (check.kind === 'cancelled') this.notices.refused = { person, reason: check.reason };
    if (check.kind === 'warn') this.notices.warning = { person, method, check };
    return check.kind === 'ok' && this.#once(person, method);
  }

  /** The second, explicit tap: check the warned-about person in all the same. */
  async overrideWarning(): Promise<boolean> {
    const w = this.notices.warning;
    if (!w) return false;
    this.notices.warning = undefined;
    return this.#once(w.person, w.method, w.check);
  }

  async #once(
    person: ParticipantRow,
    method: 'search' | 'qr',
    override?: Confirmation['override'],
  ): Promise<boolean> {
    // A double tap is one check-in, not a check-in and a repeat.
    if (this.#checkingIn === person.id) return false;
    this.#checkingIn = person.id;
    try {
      return await this.#checkIn(person, method, override);
    } finally {
      this.#checkingIn = undefined;
    }
  }

  #checkingIn: string | undefined;

  async #checkIn(
    person: ParticipantRow,
    method: 'search' | 'qr',
    override: Confirmation['override'],
  ): Promise<boolean> {
    const signature = await this.#sign(person.fullName);
    if (signature === null) return false;
    const repeatOf = this.arrived.get(person.id);
    // Tap to durable (the check-in and its outbox row committed), read by the bench.
    const started = performance.now();
    try {
      const c = await recordCheckin({
        eventId: this.eventId,
        participantId: person.id,
        method,
        timezone: this.timezone,
        ...(signature ? { signature } : {}),
      });
      performance.measure('hadir:checkin', { start: started });
      const unsigned = this.#signatures() && !signature;
      const done = { person, checkinId: c.id, at: c.at, repeatOf, unsigned, override };
      this.#confirm({ ...done, walkin: false }, true);
      return true;
    } catch (e) {
      errorReport.report(e);
      return false;
    }
  }

  /** Register a walk-in and check them in, in one go (no undo: it is a deliberate form). */
  async checkInWalkin(walkin: Walkin): Promise<boolean> {
    const signature = await this.#sign(walkin.fullName);
    if (signature === null) return false;
    try {
      const done = await checkInWalkin(this.eventId, walkin, this.timezone, signature);
      const person = toParticipantRow(done.participant);
      const check = this.check(person); // a walk-in put in another batch than today's
      this.#confirm(
        {
          person,
          checkinId: done.checkin.id,
          at: done.checkin.at,
          repeatOf: undefined,
          unsigned: this.#signatures() && !signature,
          walkin: true,
          override: check.kind === 'warn' ? check : undefined,
        },
        false,
      );
      return true;
    } catch (e) {
      errorReport.report(e);
      return false;
    }
  }

  #confirm(confirmation: Confirmation, undoable: boolean): void {
    this.notices.confirm(confirmation, undoable);
    this.query = '';
  }

  /** Take back the last check-in (a wrong tap), while the hold lasts. */
  async undo(): Promise<void> {
    const done = this.notices.last;
    if (!done || !this.notices.canUndo) return;
    this.notices.endUndo();
    try {
      if (await undoCheckin(done.checkinId)) this.notices.undid(done.person.fullName);
      else this.notices.problem = 'undoTooLate';
    } catch (e) {
      errorReport.report(e);
    }
  }
}
