/**
 * A progress bar on stderr for long runs. It stays away from short runs (nothing
 * is drawn before `delayMs`), from pipes and CI logs (only on a TTY), and from the
 * report (stdout): the line is erased before the run prints anything.
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class ProgressBar {
  private readonly startedAt: number;
  private lastDrawAt = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
    private readonly delayMs = 2000,
  ) {
    this.startedAt = now();
  }

  update(done: number): void {
    if (this.stream.isTTY !== true || this.total === 0) return;
    const now = this.now();
    if (now - this.startedAt < this.delayMs) return;
    // Ten redraws a second are smooth enough; more would cost time on fast runs.
    if (done < this.total && now - this.lastDrawAt < 100) return;
    this.lastDrawAt = now;
    this.drawn = true;
    this.stream.write(`\r\x1b[K${this.render(done)}`);
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  render(done: number): string {
    const label = ` ${done}/${this.total} files`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - label.length - 20));
    const filled = Math.round((done / this.total) * width);
    return `durability-lint [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${label}`;
  }
}
