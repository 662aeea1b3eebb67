import { ENV, type TableKey, TRAINING_FUNCTIONS } from "@personalize-ab/domain";
import {
  buildTrainingPipeline,
  type TrainingPipelineConfig,
  trainingStateMachineName,
} from "@personalize-ab/personalize-manager/pipeline";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import {
  CloudwatchEventRule,
  CloudwatchEventTarget,
  CloudwatchLogGroup,
  CloudwatchMetricAlarm,
  type DynamodbTable,
  SfnStateMachine,
} from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { allow } from "../iam/policy-document";
import type { PersonalizeResources } from "../personalize/personalize-resources";
import {
  STATE_MACHINE_LOG_DELIVERY_ACTIONS,
  STATE_MACHINE_TRACING_ACTIONS,
} from "../policy/wildcard-only-actions";
import { catalogFunction, platformValues } from "../serving/catalog-function";
import type { NodejsFunction } from "../serving/nodejs-function";
import type { LambdaBundles } from "../serving/serving-functions";
import { trainingPolicyStatements } from "./manager-permissions";
import { serviceRole } from "./service-role";

export interface TrainingPipelineProps {
  readonly config: EnvironmentConfig;
  readonly aws: AwsContext;
  readonly tables: Readonly<Record<TableKey, DynamodbTable>>;
  readonly dataBucketName: string;
  readonly dataBucketArn: string;
  readonly personalize: PersonalizeResources;
  readonly bundles: LambdaBundles;
  /** Where a failed or timed-out run is reported. */
  readonly alarmTopicArn: string;
  readonly pipeline?: Pick<
    TrainingPipelineConfig,
    "testNames" | "minProvisionedTps" | "pollSeconds" | "timeoutHours"
  >;
}

/**
 * The training lifecycle Terraform must not wait for: the manager function, the state machine that
 * drives it (see the definition in personalize-manager), and the weekly schedule that starts it.
 */
export class TrainingPipeline extends Construct {
  readonly manager: NodejsFunction;
  readonly stateMachine: SfnStateMachine;
  readonly schedule: CloudwatchEventRule;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: TrainingPipelineProps) {
    super(scope, id);
    const { config, aws, personalize } = props;
    const definition = TRAINING_FUNCTIONS.personalizeManager;
    const personalizeRoleArn = personalize.serviceRole.role.arn;
    this.manager = catalogFunction(this, "manager", {
      ...props,
      key: "personalizeManager",
      definition,
      values: { ...platformValues(config, props.tables), [ENV.dataBucket]: props.dataBucketName },
      extraStatements: trainingPolicyStatements(definition, {
        aws,
        namePrefix: config.namePrefix,
        dataBucketArn: props.dataBucketArn,
        personalizeRoleArn,
      }),
    });

    const managerArn = this.manager.function.arn;
    // Every task goes through the manager, so invoking it is all the state machine may do.
    const machineRole = serviceRole(this, "state-machine", {
      name: `${config.namePrefix}-training-pipeline`,
      service: "states.amazonaws.com",
      aws,
      statements: [
        allow(["lambda:InvokeFunction"], [managerArn], "InvokeManager"),
        // Step Functions delivers its logs through CloudWatch Logs' log delivery API, and sends
        // traces to X-Ray: neither has a resource type, so both are granted on "*".
        allow(STATE_MACHINE_LOG_DELIVERY_ACTIONS, ["*"], "DeliverExecutionLogs"),
        allow(STATE_MACHINE_TRACING_ACTIONS, ["*"], "UploadTraces"),
      ],
    });
    // Errors only and no execution data: failures are explained without copying payloads into logs.
    this.logGroup = new CloudwatchLogGroup(this, "state-machine-logs", {
      name: `/aws/vendedlogs/states/${trainingStateMachineName(config.namePrefix)}`,
      retentionInDays: config.logRetentionDays,
    });
    const datasets = personalize.datasets;
    const solutions = personalize.solutions;
    this.stateMachine = new SfnStateMachine(this, "state-machine", {
      name: trainingStateMachineName(config.namePrefix),
      roleArn: machineRole.arn,
      type: "STANDARD",
      loggingConfiguration: {
        logDestination: `${this.logGroup.arn}:*`,
        level: "ERROR",
        includeExecutionData: false,
      },
      tracingConfiguration: { enabled: true },
      definition: JSON.stringify(
        buildTrainingPipeline({
          managerFunctionArn: managerArn,
          namePrefix: config.namePrefix,
          datasetGroupArn: personalize.datasetGroup.datasetGroupArn,
          datasetArns: {
            interactions: datasets.interactions.datasetArn,
            items: datasets.items.datasetArn,
            users: datasets.users.datasetArn,
          },
          solutionArns: {
            "user-personalization": solutions["user-personalization"].solutionArn,
            "similar-items": solutions["similar-items"].solutionArn,
            popularity: solutions.popularity.solutionArn,
          },
          personalizeRoleArn,
          dataBucket: props.dataBucketName,
          ...props.pipeline,
        }),
      ),
    });

    this.schedule = new CloudwatchEventRule(this, "weekly", {
      name: `${config.namePrefix}-weekly-training`,
      description: "Starts the Personalize training pipeline",
      scheduleExpression: config.training.schedule,
      // Disabled keeps the rule (and its history) in place but starts nothing.
      state: config.training.scheduleEnabled ? "ENABLED" : "DISABLED",
    });
    const scheduleRole = serviceRole(this, "schedule", {
      name: `${config.namePrefix}-training-schedule`,
      service: "events.amazonaws.com",
      aws,
      statements: [allow(["states:StartExecution"], [this.stateMachine.arn], "StartTraining")],
    });
    new CloudwatchEventTarget(this, "weekly-target", {
      rule: this.schedule.name,
      arn: this.stateMachine.arn,
      roleArn: scheduleRole.arn,
      input: "{}",
    });

    // A run that fails keeps serving on the old models, silently unless someone is told.
    const runs = {
      namespace: "AWS/States",
      dimensions: { StateMachineArn: this.stateMachine.arn },
      period: 3600,
    };
    new CloudwatchMetricAlarm(this, "failed-runs", {
      alarmName: `${config.namePrefix}-training-failed`,
      alarmDescription:
        "A training pipeline run failed or timed out; serving stays on the previous campaigns",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
      metricQuery: [
        {
          id: "unsuccessful",
          label: "failed or timed-out runs",
          expression: "failed + timedOut",
          returnData: true,
        },
        { id: "failed", metric: { ...runs, metricName: "ExecutionsFailed", stat: "Sum" } },
        { id: "timedOut", metric: { ...runs, metricName: "ExecutionsTimedOut", stat: "Sum" } },
      ],
      alarmActions: [props.alarmTopicArn],
      okActions: [props.alarmTopicArn],
    });
  }
}
