// The ticket's code (its view, the QR encoder, the self-correction form) is not needed to
// show the event or fill in the form, so it is not part of what a phone on a weak link
// waits for before it can type. It is fetched as soon as the event is on screen (see
// register.ts), long before "Daftar" is pressed; a failed fetch is tried again when the
// ticket is to be shown, and after the first visit the service worker holds it.
type TicketModule = typeof import('#pages/register/Ticket.svelte');

let loading: Promise<TicketModule> | undefined;

export function loadTicket(): Promise<TicketModule> {
  loading ??= import('#pages/register/Ticket.svelte').catch((e: unknown) => {
    loading = undefined; // the next call tries again
    throw e;
  });
  return loading;
}
