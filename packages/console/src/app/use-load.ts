import { useCallback, useEffect, useState } from "preact/hooks";

export type Loaded<T> =
  | { readonly state: "loading" }
  | { readonly state: "done"; readonly value: T }
  | { readonly state: "failed"; readonly error: Error };

/** Runs `load` when `key` changes (and on `reload`), keeping the last answer or error. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [generation, setGeneration] = useState(0);
  // `key` names what `load` reads: a new key, a new load.
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setLoaded({ state: "done", value }),
      (error: Error) => current && setLoaded({ state: "failed", error }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [loaded, reload];
}
