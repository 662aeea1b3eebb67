import type { EnvVarName } from "@personalize-ab/domain";
import type { Construct } from "constructs";
import { ClientAuth } from "./api/client-auth";
import { HttpApi } from "./api/http-api";
import { AwsContext } from "./aws-context";
import { Aspects, AwsProvider, TerraformOutput, TerraformStack } from "./cdktf";
import { type EnvironmentConfig, validateEnvironmentConfig } from "./config/environment-config";
import { PROJECT_TAG } from "./config/environments";
import { configureStateBackend } from "./config/state-backend";
import { ConsoleAccess } from "./console/console-access";
import { ConsoleSite } from "./console/console-site";
import { consoleSiteDirectory } from "./console/console-site-directory";
import { AlarmTopic } from "./observability/alarm-topic";
import { BanditAlarms } from "./observability/bandit-alarms";
import { PlatformAlarms } from "./observability/platform-alarms";
import { PlatformDashboard } from "./observability/platform-dashboard";
import { ReplayAlarms } from "./observability/replay-alarms";
import { StreamAlarms } from "./observability/stream-alarms";
import { PersonalizeResources } from "./personalize/personalize-resources";
import { addPlatformOutputs } from "./platform-outputs";
import { PolicyAspect } from "./policy/policy-aspect";
import { ScheduledFunctions } from "./serving/scheduled-functions";
import type { LambdaBundles } from "./serving/serving-functions";
import { ServingFunctions } from "./serving/serving-functions";
import { StreamFunctions } from "./serving/stream-functions";
import { DataBucket } from "./storage/data-bucket";
import { PlatformTables } from "./storage/platform-tables";
import { TrainingPipeline } from "./training-pipeline/training-pipeline";

export interface PlatformStackProps {
  readonly config: EnvironmentConfig;
  readonly bundles: LambdaBundles;
  /** Process environment, read for the state backend settings. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Campaign ARNs and tracking id, once a training run has produced them. */
  readonly trainedValues?: Readonly<Partial<Record<EnvVarName, string>>>;
  /** The console's static build, when the environment enables it (default: packages/console/dist/site). */
  readonly consoleSiteDirectory?: string;
}

/** The whole platform for one environment. */
export class PlatformStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  /** Where app bundles are read from and archived to, for any further NodejsFunction. */
  readonly bundles: LambdaBundles;
  readonly aws: AwsContext;
  readonly tables: PlatformTables;
  readonly dataBucket: DataBucket;
  readonly functions: ServingFunctions;
  readonly scheduled: ScheduledFunctions;
  readonly streamFunctions: StreamFunctions;
  readonly api: HttpApi;
  readonly clientAuth: ClientAuth;
  readonly alarmTopic: AlarmTopic;
  readonly personalize: PersonalizeResources;
  readonly training: TrainingPipeline;
  readonly consoleSite: ConsoleSite | undefined;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { config } = props;
    validateEnvironmentConfig(config);
    this.config = config;
    this.bundles = props.bundles;

    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [{ tags: { project: PROJECT_TAG, environment: config.name, owner: config.owner } }],
    });
    configureStateBackend(this, id, config.region, props.env ?? {});
    this.aws = new AwsContext(this, "context", config.region);

    // Data
    this.tables = new PlatformTables(this, "tables", config);
    this.dataBucket = new DataBucket(this, "data", config, this.aws);

    // Serving
    this.functions = new ServingFunctions(this, "functions", {
      config,
      aws: this.aws,
      tables: this.tables.byKey,
      dataBucketName: this.dataBucket.bucket.bucket,
      bundles: props.bundles,
      trainedValues: props.trainedValues,
    });
    this.clientAuth = new ClientAuth(this, "client-auth", config);
    // The console (off unless the environment enables it): its origin is one the API's CORS allows.
    this.consoleSite = config.console.enabled
      ? new ConsoleSite(this, "console-site", {
          config,
          accountId: this.aws.accountId,
          siteDirectory: props.consoleSiteDirectory ?? consoleSiteDirectory(),
        })
      : undefined;
    this.api = new HttpApi(
      this,
      "http",
      config,
      this.functions.byKey,
      this.clientAuth.trusted,
      undefined,
      this.consoleSite?.origin,
    );
    if (this.consoleSite) {
      new ConsoleAccess(this, "console-access", {
        config,
        site: this.consoleSite,
        apiEndpoint: this.api.api.apiEndpoint,
        apiExecutionArn: this.api.api.executionArn,
      });
      new TerraformOutput(this, "console_url", {
        value: this.consoleSite.origin,
        description: "The experiments console",
      });
    }
    // No event is lost when a forward to Personalize fails: the replay sends it again. Bandit
    // experiments get their weights recomputed.
    this.scheduled = new ScheduledFunctions(this, "scheduled", {
      config,
      aws: this.aws,
      tables: this.tables.byKey,
      bundles: props.bundles,
      trainedValues: props.trainedValues,
    });

    // Measurement: the assignments and events streams feed the experiment counters.
    this.streamFunctions = new StreamFunctions(this, "stream-functions", {
      config,
      aws: this.aws,
      tables: this.tables.byKey,
      bundles: props.bundles,
    });

    // Observability
    this.alarmTopic = new AlarmTopic(this, "alarms", config);
    const servingFunctions = Object.values(this.functions.byKey);
    const apiMetrics = { config, apiId: this.api.api.id, stageName: this.api.stage.name };
    new PlatformAlarms(this, "alarm-rules", {
      ...apiMetrics,
      functions: servingFunctions,
      topicArn: this.alarmTopic.topic.arn,
    });
    new PlatformDashboard(this, "dashboard", { ...apiMetrics, functions: servingFunctions });
    new StreamAlarms(this, "stream-alarms", {
      consumers: Object.values(this.streamFunctions.byKey),
      iteratorAgeMs: config.streamIteratorAgeAlarmMs,
      topicArn: this.alarmTopic.topic.arn,
    });
    new ReplayAlarms(this, "replay-alarms", {
      environmentName: config.name,
      replay: this.scheduled.byKey.eventReplay,
      topicArn: this.alarmTopic.topic.arn,
    });
    new BanditAlarms(this, "bandit-alarms", {
      environmentName: config.name,
      updater: this.scheduled.byKey.banditUpdater,
      topicArn: this.alarmTopic.topic.arn,
    });

    // Training: the declarative Personalize resources, and the pipeline that imports, trains and deploys
    this.personalize = new PersonalizeResources(this, "personalize", {
      namePrefix: config.namePrefix,
      region: config.region,
      aws: this.aws,
      dataBucketArn: this.dataBucket.bucket.arn,
    });
    this.training = new TrainingPipeline(this, "training", {
      config,
      aws: this.aws,
      tables: this.tables.byKey,
      dataBucketName: this.dataBucket.bucket.bucket,
      dataBucketArn: this.dataBucket.bucket.arn,
      personalize: this.personalize,
      bundles: props.bundles,
      alarmTopicArn: this.alarmTopic.topic.arn,
    });

    addPlatformOutputs(this, {
      apiEndpoint: this.api.api.apiEndpoint,
      tables: this.tables.byKey,
      dataBucketName: this.dataBucket.bucket.bucket,
      functions: this.functions.byKey,
    });
    Aspects.of(this).add(new PolicyAspect());
  }
}
