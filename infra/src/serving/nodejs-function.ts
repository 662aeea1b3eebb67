import { Construct } from "constructs";
import {
  AssetType,
  CloudwatchLogGroup,
  IamRole,
  IamRolePolicy,
  LambdaFunction,
  TerraformAsset,
} from "../cdktf";
import type { LogRetentionDays } from "../config/environment-config";
import { allow, type PolicyStatement, policyDocument, serviceTrustPolicy } from "../iam/policy-document";
import { archiveLambdaBundle, BUNDLE_ENTRY } from "./lambda-archive";

export interface NodejsFunctionProps {
  /** Physical function name; also names its role and log group. */
  readonly functionName: string;
  readonly description: string;
  /** Workspace folder under apps/, for messages about a missing bundle. */
  readonly app: string;
  /** The app's dist/ folder holding the esbuild bundle. */
  readonly bundleDirectory: string;
  /** Where reproducible zips of bundles are kept between synths. */
  readonly archiveDirectory: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Reserved (and capped) concurrent executions; unreserved when omitted. */
  readonly reservedConcurrency?: number;
  readonly logRetentionDays: LogRetentionDays;
  readonly environment: Readonly<Record<string, string>>;
  /** What the code calls, on what; logging and tracing are added here. */
  readonly statements: readonly PolicyStatement[];
}

// Actions with no resource type: X-Ray trace upload can only be granted on "*".
const TRACING_ACTIONS = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];

/**
 * A Node.js Lambda from an app's esbuild bundle: Node 22 on arm64, active tracing, JSON logs into
 * its own log group with a retention, and a role of its own that allows only `statements`.
 */
export class NodejsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  /** The physical name as a plain string, for dashboards and alarms that need no reference. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: NodejsFunctionProps) {
    super(scope, id);
    this.name = props.functionName;
    const archive = archiveLambdaBundle(props.app, props.bundleDirectory, props.archiveDirectory);
    const asset = new TerraformAsset(this, "bundle", {
      path: archive.path,
      type: AssetType.FILE,
      // Content only: the same bundle gives the same asset path wherever and whenever it is built.
      assetHash: archive.contentHash,
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, "role", {
      name: props.functionName,
      assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com"),
    });
    new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      policy: policyDocument([
        allow(["logs:CreateLogStream", "logs:PutLogEvents"], [`${this.logGroup.arn}:*`], "WriteOwnLogs"),
        allow(TRACING_ACTIONS, ["*"], "UploadTraces"),
        ...props.statements,
      ]),
    });

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: `${BUNDLE_ENTRY.replace(/\.mjs$/, "")}.handler`,
      filename: asset.path,
      sourceCodeHash: archive.sourceCodeHash,
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      ...(props.reservedConcurrency !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrency,
      }),
      tracingConfig: { mode: "Active" },
      loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
      environment: {
        variables: { ...props.environment, NODE_OPTIONS: "--enable-source-maps" },
      },
    });
  }

  get functionName(): string {
    return this.function.functionName;
  }
}
