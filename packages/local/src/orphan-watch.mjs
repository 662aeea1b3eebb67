// npm does not pass SIGTERM on to the script it runs: killed, it exits and leaves its child to
// PID 1. A process that watches for its parent going away can stop what it started all the same.

/** Calls `onOrphaned` once, soon after the parent process exits; the check does not keep Node up. */
export function whenOrphaned(onOrphaned, everyMs = 250) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
