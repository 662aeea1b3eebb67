import type { ExperimentResults } from "@personalize-ab/experiments/results";
import { describe, expect, it } from "vitest";
import { REPORT_DATA_ELEMENT_ID } from "../src/app/report-data";
import { reportHtml } from "../src/report/report-html";

const results: ExperimentResults = {
  test_name: "checkout_button",
  status: "active",
  computed_at: "2026-12-01T12:00:00.000Z",
  control: "control",
  alpha: 0.05,
  users: { control: 10, treatment: 12 },
  srm: {
    p_value: 0.67,
    mismatch: false,
    checked: true,
    expected: { control: 11, treatment: 11 },
    observed: {},
  },
  metrics: [],
  // A reason that would close the data's <script> element if it were embedded as it is.
  decision: { verdict: "keep_running", variant: null, reasons: ["</script><script>alert(1)</script>"] },
  timeline: [],
};

function embeddedData(html: string): unknown {
  const match = new RegExp(
    `<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">(.*?)</script>`,
    "s",
  ).exec(html);
  return match && JSON.parse(match[1]!);
}

describe("the experiment report", () => {
  it("embeds the results so that they read back exactly, whatever text they hold", async () => {
    const html = await reportHtml(results, "http://127.0.0.1:3000");
    expect(embeddedData(html)).toEqual({ results, source: "http://127.0.0.1:3000" });
    // Only the page's own two scripts: the embedded text opened none.
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it("inlines the console's script and stylesheet and refers to nothing outside the file", async () => {
    const html = await reportHtml(results, "local");
    expect(html).toMatch(/<script type="module">.{10000,}<\/script>/s);
    expect(html).toMatch(/<style>.{500,}<\/style>/s);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain("default-src 'none'");
  });
});
