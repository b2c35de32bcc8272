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

  /** A short beep and a buzz where the device has them; lower and double for a repeat. */
  play(repeat: boolean): void {
    if (!this.on) return;
    navigator.vibrate?.(repeat ? [80, 60, 80] : 120);
    try {
      this.#audio ??= new AudioContext();
      const osc = this.#audio.createOscillator();
      osc.frequency.value = repeat ? 440 : 880;
      osc.connect(this.#audio.destination);
      osc.start();
      osc.stop(this.#audio.currentTime + 0.12);
    } catch {
      // no audio on this device
    }
  }

  close(): void {
    void this.#audio?.close();
  }
}
