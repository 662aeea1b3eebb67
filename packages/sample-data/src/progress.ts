import { Presets, SingleBar } from "cli-progress";

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

/**
 * A redrawn bar on a terminal (cli-progress); on anything else (CI logs, pipes) one plain line per
 * tenth, so logs stay readable instead of filling with redraws.
 */
export function createProgress(
  label: string,
  total: number,
  stream: ProgressStream = process.stderr,
): Progress {
  if (stream.isTTY) return terminalBar(label, total, stream);
  let lastTenth = -1;
  let finished = false;
  const percent = (done: number) => (total === 0 ? 100 : Math.floor((done / total) * 100));
  return {
    update(done) {
      if (finished) return;
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
    },
  };
}

function terminalBar(label: string, total: number, stream: ProgressStream): Progress {
  const bar = new SingleBar(
    {
      // cli-progress draws through readline's cursor calls, which only need `write`.
      stream: stream as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total} {percentage}%`,
      barsize: 30,
      hideCursor: false,
    },
    Presets.legacy,
  );
  let finished = false;
  bar.start(total, 0);
  return {
    update(done) {
      if (!finished) bar.update(done);
    },
    finish() {
      if (finished) return;
      finished = true;
      bar.update(total);
      bar.stop();
    },
  };
}
