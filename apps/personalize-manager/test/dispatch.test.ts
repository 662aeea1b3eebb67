import {
  DescribeSolutionCommand,
  LimitExceededException,
  PersonalizeClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from "@aws-sdk/client-personalize";
import { logger } from "@personalize-ab/adapters/powertools";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { runFailing } from "./support/context";

const personalize = mockClient(PersonalizeClient);
const payload = {
  action: "check_status",
  resource_arn: "arn:aws:personalize:us-east-1:123456789012:solution/s",
  resource_type: "solution",
};

beforeEach(() => {
  personalize.reset();
  vi.restoreAllMocks();
});

describe("dispatch", () => {
  it("names the action field when the action is unknown or missing", async () => {
    for (const bad of [{ action: "delete_everything" }, {}, null, "check_status"]) {
      const error = await runFailing(bad as Record<string, unknown>);
      expect(error.name).toBe("ValidationError");
      expect(error.message).toMatch(/^action: must be one of create_dataset_group, import_data, /);
    }
  });

  it("surfaces Personalize throttling and limits as PersonalizeThrottled for the pipeline to retry", async () => {
    personalize
      .on(DescribeSolutionCommand)
      .rejects(new LimitExceededException({ message: "limit", $metadata: {} }));
    expect((await runFailing(payload)).name).toBe("PersonalizeThrottled");
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    personalize.on(DescribeSolutionCommand).rejects(throttled);
    expect((await runFailing(payload)).name).toBe("PersonalizeThrottled");
  });

  it("gives missing and busy resources their own codes", async () => {
    personalize
      .on(DescribeSolutionCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: "no such solution arn:...", $metadata: {} }))
      .rejectsOnce(new ResourceInUseException({ message: "busy", $metadata: {} }));
    const notFound = await runFailing(payload);
    expect(notFound.name).toBe("PersonalizeResourceNotFound");
    expect(notFound.message).not.toContain("arn:");
    expect((await runFailing(payload)).name).toBe("PersonalizeResourceInUse");
  });

  it("logs an unexpected error with context and answers with a stable code and no internals", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    personalize.on(DescribeSolutionCommand).rejects(new Error("socket hang up at 10.0.0.7"));
    const error = await runFailing(payload);
    expect(error).toMatchObject({
      name: "ManagerInternalError",
      message: "the action failed; see the logs for request request-1",
    });
    expect(logged).toHaveBeenCalledWith(
      "action failed",
      expect.objectContaining({
        action: "check_status",
        code: "ManagerInternalError",
        requestId: "request-1",
        error: expect.objectContaining({ message: "socket hang up at 10.0.0.7" }),
      }),
    );
  });

  it("reports a missing deployment setting as our error, not the caller's", async () => {
    const error = await runFailing({ action: "export_interactions", run_id: "run1" });
    expect(error.name).toBe("ManagerInternalError");
  });
});
