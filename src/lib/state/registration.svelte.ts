// The public registration page's state: the event (carried by the page, or cached and
// refreshed when online), the form with its draft kept on the device as the person types,
// the checks (on leaving a field and on submit), and this phone's ticket once registered.
// The database and the sync engine (registration-store) load after the form is on screen:
// until then what is typed lives here, and is written as soon as they are there.
import {
  emptyRegistrationForm,
  validateRegistration,
  type FieldIssue,
  type RegistrationField,
  type RegistrationForm,
} from '#domain/registration';
import type { OwnTicket, PublishedEvent } from '#db/registration';
import { SvelteSet } from 'svelte/reactivity';
import { errorReport } from '#state/errors.svelte';
import type { RegistrationStore } from '#state/registration-store';

/** Whether a write reached the device; a failure is reported, never thrown at the page. */
async function saved(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    errorReport.report(e);
    return false;
  }
}

export class RegistrationFlow {
  readonly eventId: string;
  form = $state<RegistrationForm>(emptyRegistrationForm());
  /** Issues shown now: a field's appear once it was left, all of them after a submit. */
  issues = $state<FieldIssue[]>([]);
  #touched = new SvelteSet<RegistrationField>();
  #submitted = false;
  busy = $state(false);
  /** The server said: true (event there), false (no such event), null (unreachable);
   * undefined while the first request is out. */
  reachable = $state<boolean | null | undefined>(undefined);
  /** The event as the page's HTML carried it (a first visit online), else null. */
  readonly #carried: PublishedEvent | null;
  #store = $state<RegistrationStore | undefined>(undefined);
  #loading: Promise<RegistrationStore> | undefined;
  #typed = false;
  #draftLoaded = false;

  constructor(eventId: string, carried: PublishedEvent | null = null) {
    this.eventId = eventId;
    this.#carried = carried;
    if (carried) this.reachable = true;
    void this.store().catch(() => undefined); // at once: the page's draft and ticket
  }

  /** The database and sync, loaded once (a failed load is tried again on the next call). */
  store(): Promise<RegistrationStore> {
    this.#loading ??= import('#state/registration-store').then(
      (m) => {
        const store = m.registrationStore(this.eventId);
        this.#store = store;
        if (this.#carried) void store.keep(this.#carried).catch((e) => errorReport.report(e));
        return store;
      },
      (e: unknown) => {
        this.#loading = undefined;
        throw e;
      },
    );
    return this.#loading;
  }

  get published(): PublishedEvent | null {
    return this.#store?.published.current ?? this.#carried;
  }

  get loaded(): boolean {
    return this.#carried !== null || (this.#store?.published.loaded ?? false);
  }

  get ticket(): OwnTicket | null {
    return this.#store?.ticket.current ?? null;
  }

  /** Changes not yet sent from this phone. */
  get unsent(): number {
    return this.#store?.unsent ?? 0;
  }

  /** The event from the server unless the page carried it; silent when offline. */
  async refresh(): Promise<void> {
    if (this.#carried) return;
    try {
      this.reachable = await (await this.store()).refresh();
    } catch (e) {
      errorReport.report(e);
    }
  }

  /** The draft typed before a reload or a closed tab comes back, unless the person has
   * begun typing (then what they type is the draft). */
  async restoreDraft(): Promise<void> {
    if (this.#draftLoaded) return;
    this.#draftLoaded = true;
    const draft = await (await this.store()).loadDraft();
    if (draft && !this.#typed) this.form = { ...emptyRegistrationForm(), ...draft };
  }

  /** Called on every change: the draft is written to the device at once (once the
   * database is there: the latest form then). */
  keep(): void {
    this.#typed = true;
    void this.store()
      .then((store) => store.saveDraft($state.snapshot(this.form)))
      .catch((e) => errorReport.report(e));
    if (this.issues.length > 0) this.#check(); // fixed errors go away as people type
  }

  leave(field: RegistrationField): void {
    this.#touched.add(field);
    this.#check();
  }

  issueOf(field: RegistrationField): FieldIssue | undefined {
    return this.issues.find((i) => i.field === field);
  }

  #context() {
    const p = this.published;
    return {
      collectNik: p?.event.collectNik ?? false,
      provinceCode: p?.event.provinceCode ?? '63',
      batchIds: (p?.batches ?? []).map((b) => b.id),
    };
  }

  #check() {
    const result = validateRegistration(this.#formForCheck(), this.#context());
    const all = result.ok ? [] : result.issues;
    this.issues = this.#submitted ? all : all.filter((i) => this.#touched.has(i.field));
    return result;
  }

  /** With one batch, or when the organiser assigns batches, the person does not choose:
   * the batch with most seats left is asked for (the organiser may move them later). */
  #formForCheck(): RegistrationForm {
    const p = this.published;
    const assigned = p && (p.batches.length === 1 || !p.event.participantsChooseBatch);
    if (!assigned || this.form.batchId || p.batches.length === 0) return this.form;
    const seats = (id: string) => p.seatsLeft?.[id] ?? 0;
    const roomiest = [...p.batches].sort((a, b) => seats(b.id) - seats(a.id))[0]!;
    return { ...this.form, batchId: roomiest.id };
  }

  /** Save a correction of this phone's own registration (through the outbox). */
  async correct(
    participantId: string,
    values: { fullName: string; institution: string; phone: string; email?: string },
  ): Promise<boolean> {
    return saved(this.store().then((store) => store.correct(participantId, values)));
  }

  withdraw(participantId: string, reason: string): Promise<boolean> {
    return saved(this.store().then((store) => store.withdraw(participantId, reason)));
  }

  /** Validate everything; save the registration on the device. Returns the first field
   * with an issue (for focus), or undefined when registered. */
  async submit(): Promise<RegistrationField | undefined> {
    this.#submitted = true;
    const result = this.#check();
    if (!result.ok) return result.issues[0]!.field;
    this.busy = true;
    try {
      await (await this.store()).register(result.value);
    } catch (e) {
      errorReport.report(e); // nothing typed is lost: the form and its draft stay
    } finally {
      this.busy = false;
    }
    return undefined;
  }
}
