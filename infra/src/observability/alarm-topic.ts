import { Construct } from "constructs";
import { SnsTopic, SnsTopicSubscription } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";

/** Where every alarm notifies, with the environment's e-mail subscribed when it has one. */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    // Unencrypted on purpose: CloudWatch cannot publish to a topic under the AWS-managed SNS key,
    // and alarm notifications carry no data beyond metric names and values.
    this.topic = new SnsTopic(this, "topic", { name: `${config.namePrefix}-alarms` });
    if (config.alarmEmail) {
      new SnsTopicSubscription(this, "email", {
        topicArn: this.topic.arn,
        protocol: "email",
        endpoint: config.alarmEmail,
      });
    }
  }
}
