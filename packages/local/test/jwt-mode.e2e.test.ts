import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlatform, startPlatform } from "../src/platform";
import { temporaryKeyFile } from "./support/temporary-key-file";

let platform: RunningPlatform;

beforeAll(async () => {
  platform = await startPlatform({ port: 0, authKeyFile: await temporaryKeyFile() });
});

afterAll(async () => {
  await platform?.stop();
});

const USER_A = "user_00001";
const USER_B = "user_00002";

const call = async (path: string, body: Record<string, unknown>, token?: string) => {
  const response = await fetch(`${platform.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Each client route, read or write, for one user. */
const asUser = (userId: string) =>
  [
    ["/assignments", { user_id: userId }],
    ["/recommendations", { user_id: userId, num_results: 3 }],
    ["/events", { user_id: userId, event_type: "click", item_id: "item_00001" }],
  ] as const;

describe("JWT mode on the local platform", () => {
  it("serves a user with their own token", async () => {
    const token = await platform.issuer!.mint({ sub: USER_A });
    for (const [path, body] of asUser(USER_A)) {
      expect([200, 202], path).toContain((await call(path, body, token)).status);
    }
  });

  it("refuses a token for user A on user B's assignment, recommendations and events with 403 naming user_id", async () => {
    const token = await platform.issuer!.mint({ sub: USER_A });
    for (const [path, body] of asUser(USER_B)) {
      const answer = await call(path, body, token);
      expect(answer.status, path).toBe(403);
      expect(answer.body).toMatchObject({ error: { code: "forbidden", details: [{ field: "user_id" }] } });
    }
  });

  it("lets a token with the server scope act for any user", async () => {
    const token = await platform.issuer!.mint({ sub: "checkout-service", server: true });
    for (const [path, body] of asUser(USER_B)) {
      expect([200, 202], path).toContain((await call(path, body, token)).status);
    }
  });

  it("answers a missing, expired or foreign-issuer token with 401 on every client route", async () => {
    const issuer = platform.issuer!;
    const tokens = {
      missing: undefined,
      expired: await issuer.mint({ sub: USER_A, expiresIn: Math.floor(Date.now() / 1000) - 1 }),
      foreign: await issuer.mint({ sub: USER_A, issuer: "https://accounts.example.com" }),
    };
    for (const [kind, token] of Object.entries(tokens)) {
      for (const [path, body] of asUser(USER_A)) {
        const answer = await call(path, body, token);
        expect(answer.status, `${kind} ${path}`).toBe(401);
        expect(answer.body).toMatchObject({
          error: { code: "unauthorized", details: [{ field: "authorization" }] },
        });
      }
    }
  });
});
