import { defineAction } from "../action";
import { campaignRequest, createOrFindCampaign } from "./campaign";

export const createCampaign = defineAction({
  name: "create_campaign",
  input: campaignRequest,
  async run(input, { personalize }) {
    const { campaignArn, created } = await createOrFindCampaign(personalize, input);
    return { campaign_arn: campaignArn, created };
  },
});
