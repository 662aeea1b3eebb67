// DynamoDB numbers reach down to 1e-130 in magnitude, and the SDK marshals a JS number only within
// the safe-integer range; the contract admits any finite number, so the rest is caught here.
const SMALLEST_MAGNITUDE = 1e-130;

/** Why DynamoDB could not store this event_value, or undefined when it can. */
export function eventValueProblem(value: number): string | undefined {
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return `must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
  }
  if (value !== 0 && Math.abs(value) < SMALLEST_MAGNITUDE) return "must be 0 or at least 1e-130 in magnitude";
  return undefined;
}
