import { describe, expect, it } from "vitest";
import { sourceArnPath } from "../src/api/http-api";

describe("sourceArnPath", () => {
  it("keeps literal paths and turns each path parameter into a one-segment wildcard", () => {
    expect(sourceArnPath("/events")).toBe("/events");
    expect(sourceArnPath("/experiments/{name}/results")).toBe("/experiments/*/results");
  });
});
