import type { AssignmentResponse, RecommendationResponse } from "@personalize-ab/domain";
import { useState } from "preact/hooks";
import { type ApiClient, ApiError } from "../api-client";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";

type Answer =
  | { readonly state: "idle" | "loading" }
  | {
      readonly state: "done";
      readonly assignment: AssignmentResponse;
      readonly recommendations: RecommendationResponse;
    }
  | { readonly state: "failed"; readonly message: string };

/**
 * A user's variant and what it recommends them, with the items' metadata. These are real requests:
 * a user not enrolled yet is enrolled, as the shop's own call would.
 */
export function TryItPanel({ api, testName }: { readonly api: ApiClient; readonly testName: string }) {
  const [userId, setUserId] = useState("user_00001");
  const [token, setToken] = useState("");
  const [answer, setAnswer] = useState<Answer>({ state: "idle" });

  async function tryUser(event: Event) {
    event.preventDefault();
    setAnswer({ state: "loading" });
    const bearer = token.trim() || undefined;
    try {
      const [assignment, recommendations] = await Promise.all([
        api.request<AssignmentResponse>("POST", "/assignments", {
          body: { user_id: userId, test_name: testName },
          ...(bearer && { bearer }),
        }),
        api.request<RecommendationResponse>("POST", "/recommendations", {
          body: { user_id: userId, test_name: testName, num_results: 5 },
          ...(bearer && { bearer }),
        }),
      ]);
      setAnswer({ state: "done", assignment, recommendations });
    } catch (error) {
      const message =
        error instanceof ApiError
          ? `${error.code}: ${error.details.map((detail) => `${detail.field} ${detail.problem}`).join("; ") || error.message}`
          : (error as Error).message;
      setAnswer({ state: "failed", message });
    }
  }

  return (
    <section aria-labelledby="try-heading">
      <h2 id="try-heading">Try it</h2>
      <p class="hint">Real requests: a user not yet in the experiment is enrolled by them.</p>
      <form class="inline-form" onSubmit={tryUser}>
        <label>
          User id
          <input
            name="user_id"
            value={userId}
            required
            onInput={(event) => setUserId(event.currentTarget.value)}
          />
        </label>
        <label>
          Bearer token <span class="hint">(where the API wants one)</span>
          <input name="token" value={token} onInput={(event) => setToken(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={answer.state === "loading"}>
          Show recommendations
        </button>
      </form>
      <div aria-live="polite">
        {answer.state === "failed" && (
          <p class="field-error" role="alert">
            {answer.message}
          </p>
        )}
        {answer.state === "done" && (
          <div data-testid="try-it-answer">
            <p>
              <strong>{answer.assignment.user_id}</strong> is in{" "}
              <strong data-testid="try-variant">{answer.assignment.variant}</strong> (
              {answer.recommendations.algorithm}, from {answer.recommendations.source}).
            </p>
            <TableScroll label="Recommended items">
              <table>
                <caption class="visually-hidden">Recommended items</caption>
                <TableHead columns={["#", "item", "category", "brand", "price", "score"]} />
                <tbody>
                  {answer.recommendations.recommendations.map((item, position) => (
                    <tr key={item.item_id}>
                      <td>{position + 1}</td>
                      <th scope="row">{item.item_id}</th>
                      <td>{item.category ?? "—"}</td>
                      <td>{item.brand ?? "—"}</td>
                      <td>{item.price === null ? "—" : item.price.toFixed(2)}</td>
                      <td>{item.score === null ? "—" : item.score.toPrecision(3)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
        )}
      </div>
    </section>
  );
}
