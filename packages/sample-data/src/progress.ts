export interface Progress {
  /** Reports how many of the total are done so far. */
  update(done: number): void;
  finish(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const BAR_WIDTH = 30;

/**
 * A redrawn bar on a terminal; on anything else (CI logs, pipes) one plain line per tenth, so logs
 * stay readable instead of filling with carriage returns.
 */
export function createProgress(
  label: string,
  total: number,
  stream: ProgressStream = process.stderr,
): Progress {
  let lastTenth = -1;
  let finished = false;
  const percent = (done: number) => (total === 0 ? 100 : Math.floor((done / total) * 100));
  return {
    update(done) {
      if (finished) return;
      if (stream.isTTY) {
        const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
        stream.write(
          `\r${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} ${percent(done)}%`,
        );
        return;
      }
      const tenth = Math.floor(percent(done) / 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${done}/${total} (${percent(done)}%)\n`);
      }
    },
    finish() {
      if (finished) return;
      this.update(total);
      finished = true;
      if (stream.isTTY) stream.write("\n");
    },
  };
}
