import { DescribeCampaignCommand, UpdateCampaignCommand } from "@aws-sdk/client-personalize";
import { defineAction } from "../action";
import { campaignRequest, createOrFindCampaign } from "./campaign";

/**
 * Points a campaign at a solution version: creates it the first time, updates it in place later.
 * An update keeps the campaign ARN and keeps serving the old version until the new one is active,
 * and a failed update leaves it on the old one, so serving is never without a model.
 */
export const createOrUpdateCampaign = defineAction({
  name: "create_or_update_campaign",
  input: campaignRequest,
  async run(input, { personalize }) {
    const { campaignArn, created } = await createOrFindCampaign(personalize, input);
    if (created) return { campaign_arn: campaignArn, outcome: "created" };
    const { campaign } = await personalize.send(new DescribeCampaignCommand({ campaignArn }));
    const update = campaign?.latestCampaignUpdate;
    const target =
      update && update.status !== "CREATE FAILED"
        ? { version: update.solutionVersionArn, tps: update.minProvisionedTPS }
        : { version: campaign?.solutionVersionArn, tps: campaign?.minProvisionedTPS };
    // Already serving (or rolling out) exactly this: a second run must not start another update.
    if (target.version === input.solution_version_arn && target.tps === input.min_provisioned_tps) {
      return { campaign_arn: campaignArn, outcome: "unchanged" };
    }
    await personalize.send(
      new UpdateCampaignCommand({
        campaignArn,
        solutionVersionArn: input.solution_version_arn,
        minProvisionedTPS: input.min_provisioned_tps,
      }),
    );
    return { campaign_arn: campaignArn, outcome: "updated" };
  },
});
