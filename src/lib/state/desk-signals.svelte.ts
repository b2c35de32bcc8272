// The desk's beep and buzz on each check-in (a desk is noisy), switchable and remembered
// on this tablet.
const KEY = 'hadir.deskSound';

export class DeskSignals {
  on = $state(DeskSignals.#read());
  // One context for the desk: creating one per check-in blocks the page 13–50 ms.
  #audio: AudioContext | undefined;

  static #read(): boolean {
    try {
      return localStorage.getItem(KEY) !== 'off';
    } catch {
      return true;
    }
  }

  toggle(): void {
    this.on = !this.on;
    try {
      localStorage.setItem(KEY, this.on ? 'on' : 'off');
    } catch {
      // remembered for this visit only
    }
  }

  /** A short beep and a buzz where the device has them; lower and double for a repeat (or
   * a check-in over a warning); low, long and triple for a refusal or a warning. */
  play(kind: 'ok' | 'repeat' | 'warn'): void {
    if (!this.on) return;
    navigator.vibrate?.({ ok: 120, repeat: [80, 60, 80], warn: [200, 80, 200, 80, 200] }[kind]);
    try {
      this.#audio ??= new AudioContext();
      const osc = this.#audio.createOscillator();
      osc.frequency.value = { ok: 880, repeat: 440, warn: 220 }[kind];
      osc.connect(this.#audio.destination);
      osc.start();
      osc.stop(this.#audio.currentTime + (kind === 'warn' ? 0.4 : 0.12));
    } catch {
      // no audio on this device
    }
  }

  close(): void {
    void this.#audio?.close();
  }
}
