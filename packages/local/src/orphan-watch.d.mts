/** Calls `onOrphaned` once, soon after the parent process exits; returns a function that stops watching. */
export declare function whenOrphaned(onOrphaned: () => void, everyMs?: number): () => void;
