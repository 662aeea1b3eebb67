import { describe, expect, it } from "vitest";
import { INTERACTIONS_HEADER, interactionLine } from "../src/export/interactions-csv";

describe("interaction CSV lines", () => {
  it("follows the domain schema's column order with epoch seconds", () => {
    expect(INTERACTIONS_HEADER).toBe("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP,EVENT_VALUE\n");
    expect(
      interactionLine({
        UserId: "u1",
        ItemId: "i1",
        EventType: "purchase",
        Timestamp: 1_764_072_000_999,
        EventValue: 19.5,
      }),
    ).toBe("u1,i1,purchase,1764072000,19.5\n");
  });

  it("writes an empty cell for a missing value and quotes cells that need it", () => {
    expect(interactionLine({ UserId: 'a,"b"', ItemId: "i\n1", EventType: "click", Timestamp: 1000 })).toBe(
      '"a,""b""","i\n1",click,1,\n',
    );
  });

  it("drops exposures and events missing a required column", () => {
    const event = { UserId: "u1", ItemId: "i1", EventType: "click", Timestamp: 1000 };
    expect(interactionLine({ ...event, EventType: "recommendation_served" })).toBeUndefined();
    expect(interactionLine({ ...event, ItemId: undefined })).toBeUndefined();
    expect(interactionLine({ ...event, ItemId: "" })).toBeUndefined();
    expect(interactionLine({ ...event, Timestamp: "1000" })).toBeUndefined();
  });
});
