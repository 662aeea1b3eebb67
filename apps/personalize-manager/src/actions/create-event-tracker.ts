import {
  CreateEventTrackerCommand,
  DescribeEventTrackerCommand,
  paginateListEventTrackers,
} from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn, resourceName } from "../fields";
import { createOrFind, findInPages } from "../lookup";

export const createEventTracker = defineAction({
  name: "create_event_tracker",
  input: z.object({ event_tracker_name: resourceName, dataset_group_arn: personalizeArn }),
  async run(input, { personalize }) {
    const { value: eventTrackerArn, created } = await createOrFind(
      "event tracker",
      async () =>
        (
          await personalize.send(
            new CreateEventTrackerCommand({
              name: input.event_tracker_name,
              datasetGroupArn: input.dataset_group_arn,
            }),
          )
        ).eventTrackerArn,
      async () =>
        (
          await findInPages(
            paginateListEventTrackers({ client: personalize }, { datasetGroupArn: input.dataset_group_arn }),
            (page) => page.eventTrackers,
            (tracker) => tracker.name === input.event_tracker_name,
          )
        )?.eventTrackerArn,
    );
    // Read back in both cases: the tracking id is in the description, not in the list summary.
    const { eventTracker } = await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }));
    return { event_tracker_arn: eventTrackerArn, tracking_id: eventTracker?.trackingId, created };
  },
});
