/**
 * What keeps the terminal readable while the handlers serve locally: warnings and errors only,
 * no EMF metric lines (there is no CloudWatch to read them), no SDK Node-version notice.
 */
export function quietEnvironment(verbose = false): Record<string, string> {
  return {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    POWERTOOLS_SERVICE_NAME: "personalize-ab-local",
    ...(!verbose && { POWERTOOLS_LOG_LEVEL: "WARN", POWERTOOLS_METRICS_DISABLED: "true" }),
  };
}
