// The public registration page's state: the event (cached, refreshed when online), the
// form with its draft kept on the device as the person types, the checks (on leaving a
// field and on submit), and this phone's ticket once registered.
import {
  emptyRegistrationForm,
  validateRegistration,
  type FieldIssue,
  type RegistrationField,
  type RegistrationForm,
} from '#domain/registration';
import { cancelParticipant, patchParticipant } from '#db/participants';
import {
  cachePublicEvent,
  loadDraft,
  ownTicket,
  publishedEvent,
  registerOwn,
  saveDraft,
  type OwnTicket,
  type PublishedEvent,
} from '#db/registration';
import { SvelteSet } from 'svelte/reactivity';
import { PublicEvent } from '#sync/protocol';
import type { Transport } from '#sync/transport';
import { errorReport } from '#state/errors.svelte';
import { LiveQuery } from '#state/live.svelte';

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
  #published: LiveQuery<PublishedEvent | null>;
  #ticket: LiveQuery<OwnTicket | null>;
  #draftLoaded = false;

  constructor(eventId: string) {
    this.eventId = eventId;
    this.#published = new LiveQuery(() => publishedEvent(eventId), null);
    this.#ticket = new LiveQuery(() => ownTicket(eventId), null);
  }

  get published(): PublishedEvent | null {
    return this.#published.current;
  }

  get loaded(): boolean {
    return this.#published.loaded;
  }

  get ticket(): OwnTicket | null {
    return this.#ticket.current;
  }

  /** The event from the server, kept for offline; silent when offline (the cache shows). */
  async refresh(transport: Transport): Promise<void> {
    const reply = await transport.get(`/events/${encodeURIComponent(this.eventId)}`);
    if (reply.kind !== 'ok') {
      // Unreachable is not "unknown": the cached event (if any) shows, else the page asks
      // for signal once; a 404 says the link is wrong.
      this.reachable = reply.kind === 'error' && reply.status === 404 ? false : null;
      return;
    }
    const parsed = PublicEvent.safeParse(reply.json);
    if (!parsed.success) return;
    this.reachable = true;
    await cachePublicEvent(parsed.data).catch((e) => errorReport.report(e));
  }

  /** The draft typed before a reload or a closed tab comes back. */
  async restoreDraft(): Promise<void> {
    if (this.#draftLoaded) return;
    this.#draftLoaded = true;
    const draft = await loadDraft(this.eventId);
    if (draft) this.form = { ...emptyRegistrationForm(), ...draft };
  }

  /** Called on every change: the draft is written to the device at once. */
  keep(): void {
    void saveDraft(this.eventId, $state.snapshot(this.form)).catch((e) => errorReport.report(e));
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
    return saved(patchParticipant(participantId, values));
  }

  withdraw(participantId: string, reason: string): Promise<boolean> {
    return saved(cancelParticipant(participantId, reason));
  }

  /** Validate everything; save the registration on the device. Returns the first field
   * with an issue (for focus), or undefined when registered. */
  async submit(): Promise<RegistrationField | undefined> {
    this.#submitted = true;
    const result = this.#check();
    if (!result.ok) return result.issues[0]!.field;
    this.busy = true;
    try {
      await registerOwn(this.eventId, result.value);
    } catch (e) {
      errorReport.report(e); // nothing typed is lost: the form and its draft stay
    } finally {
      this.busy = false;
    }
    return undefined;
  }
}
