// The command line's progress bar (cli-progress): on stderr, only when stderr is a terminal, and only once a command
// has run for about a second — a short run prints nothing but its result. Phases (simulating, writing the VCD, ...)
// show as the bar's label; the simulation phase counts simulated cycles.
import cliProgress from 'cli-progress';

export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

export class Progress {
  #bar: cliProgress.SingleBar | null = null;
  #phase = '';
  #value = 0;
  #total = 1;
  readonly #started: number;
  readonly #enabled: boolean;

  constructor(private readonly stream: ProgressStream = process.stderr, private readonly delayMs = 1000, private readonly now = () => Date.now()) {
    this.#enabled = stream.isTTY === true;
    this.#started = now();
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  /** A new phase of `total` steps (1 when it has no count). */
  phase(name: string, total = 1): void {
    this.#phase = name;
    this.#value = 0;
    this.#total = Math.max(1, total);
    this.#show();
    this.#bar?.setTotal(this.#total);
    this.#bar?.update(0, { phase: name });
  }

  update(value: number): void {
    this.#value = value;
    this.#show();
    this.#bar?.update(Math.min(value, this.#total), { phase: this.#phase });
  }

  done(): void {
    if (this.#bar) {
      this.#bar.update(this.#total, { phase: this.#phase });
      this.#bar.stop();
      this.#bar = null;
    }
  }

  #show(): void {
    if (!this.#enabled || this.#bar || this.now() - this.#started < this.delayMs) return;
    this.#bar = new cliProgress.SingleBar({
      stream: this.stream as NodeJS.WritableStream,
      format: 'kmdf-dma-sim {bar} {percentage}% | {phase} | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    }, cliProgress.Presets.shades_classic);
    this.#bar.start(this.#total, Math.min(this.#value, this.#total), { phase: this.#phase });
  }
}
