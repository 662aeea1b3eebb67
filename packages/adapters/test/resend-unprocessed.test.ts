import { describe, expect, it } from "vitest";
import { resendUnprocessed } from "../src/dynamodb/resend-unprocessed";

describe("resendUnprocessed", () => {
  it("sends what is left each time until nothing is, counting the resends", async () => {
    const sent: string[][] = [];
    const leftOver = [["b", "c"], ["c"], []];
    const resends = await resendUnprocessed(
      ["a", "b", "c"],
      async (pending) => {
        sent.push([...pending]);
        return leftOver.shift()!;
      },
      (left) => `${left} left`,
      { minDelayMs: 1 },
    );
    expect(sent).toEqual([["a", "b", "c"], ["b", "c"], ["c"]]);
    expect(resends).toBe(2);
  });

  it("does not retry an error the call itself raises", async () => {
    let calls = 0;
    const failing = resendUnprocessed(
      ["a"],
      async () => {
        calls += 1;
        throw new Error("ValidationException: bad key");
      },
      (left) => `${left} left`,
      { minDelayMs: 1 },
    );
    await expect(failing).rejects.toThrow("ValidationException: bad key");
    expect(calls).toBe(1);
  });

  it("fails with the caller's message once the tries run out", async () => {
    let calls = 0;
    const stuck = resendUnprocessed(
      ["a", "b"],
      async () => {
        calls += 1;
        return ["b"];
      },
      (left, attempts) => `${left} still unprocessed after ${attempts} attempts`,
      { attempts: 3, minDelayMs: 1 },
    );
    await expect(stuck).rejects.toThrow("1 still unprocessed after 3 attempts");
    expect(calls).toBe(3);
  });
});
