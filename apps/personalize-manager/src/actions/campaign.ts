import {
  CreateCampaignCommand,
  type PersonalizeClient,
  paginateListCampaigns,
} from "@aws-sdk/client-personalize";
import { z } from "zod";
import { minProvisionedTps, personalizeArn, resourceName } from "../fields";
import { createOrFind, findInPages } from "../lookup";

/** The payload both campaign actions take: the recipe's create_campaign fields. */
export const campaignRequest = z.object({
  campaign_name: resourceName,
  solution_version_arn: personalizeArn,
  min_provisioned_tps: minProvisionedTps.default(1),
});

export type CampaignRequest = z.output<typeof campaignRequest>;

/** Creates the campaign, or finds it by name: campaign names are unique per account and region. */
export async function createOrFindCampaign(
  personalize: PersonalizeClient,
  request: CampaignRequest,
): Promise<{ campaignArn: string; created: boolean }> {
  const { value, created } = await createOrFind(
    "campaign",
    async () =>
      (
        await personalize.send(
          new CreateCampaignCommand({
            name: request.campaign_name,
            solutionVersionArn: request.solution_version_arn,
            minProvisionedTPS: request.min_provisioned_tps,
          }),
        )
      ).campaignArn,
    async () =>
      (
        await findInPages(
          paginateListCampaigns({ client: personalize }, {}),
          (page) => page.campaigns,
          (campaign) => campaign.name === request.campaign_name,
        )
      )?.campaignArn,
  );
  return { campaignArn: value!, created };
}
