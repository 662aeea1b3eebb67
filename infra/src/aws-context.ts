import { Construct } from "constructs";
import { DataAwsCallerIdentity, DataAwsPartition } from "./cdktf";

/** The account, partition and region the stack deploys into, for building ARNs. */
export class AwsContext extends Construct {
  readonly accountId: string;
  readonly partition: string;

  constructor(
    scope: Construct,
    id: string,
    readonly region: string,
  ) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, "caller").accountId;
    this.partition = new DataAwsPartition(this, "partition").partition;
  }

  arn(service: string, resource: string): string {
    return `arn:${this.partition}:${service}:${this.region}:${this.accountId}:${resource}`;
  }
}
