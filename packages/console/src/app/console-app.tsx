import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiClient } from "./api-client";
import type { ConsoleConfig } from "./console-config";
import { parseConsoleRoute } from "./console-route";
import { ExperimentPage } from "./pages/experiment-page";
import { ExperimentsListPage } from "./pages/experiments-list-page";

/** The console: the experiments list, or one experiment, by the URL's fragment. */
export function ConsoleApp({ config }: { readonly config: ConsoleConfig }) {
  const api = useMemo(() => new ApiClient(config), [config]);
  const [route, setRoute] = useState(() => parseConsoleRoute(location.hash));
  useEffect(() => {
    const onHashChange = () => {
      setRoute(parseConsoleRoute(location.hash));
      window.scrollTo(0, 0);
    };
    addEventListener("hashchange", onHashChange);
    return () => removeEventListener("hashchange", onHashChange);
  }, []);
  useEffect(() => {
    document.title =
      route.page === "experiment" ? `${route.name} · experiments console` : "Experiments console";
  }, [route]);
  return (
    <main id="main">
      {route.page === "experiment" ? (
        <ExperimentPage key={route.name} api={api} name={route.name} />
      ) : (
        <ExperimentsListPage api={api} />
      )}
    </main>
  );
}
