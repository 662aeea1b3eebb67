import {
  type ExperimentKind,
  INTERLEAVED_VARIANT,
  type RecommendationResponse,
} from "@personalize-ab/domain";
import { SimulationOptionError } from "./option-error";

/** The kind of experiment an answer of POST /recommendations comes from. */
export function kindServed(served: RecommendationResponse): ExperimentKind {
  return served.variant === INTERLEAVED_VARIANT ? "interleaving" : "ab";
}

/**
 * The kind of experiment a run simulates: the one its options are for, else the first answer's.
 * Every answer is checked against it, so options of the other kind are refused before any event
 * is sent rather than sending events the experiment would read differently.
 */
export class RunKind {
  constructor(
    private readonly testName: string,
    private kind: ExperimentKind | undefined,
  ) {}

  get current(): ExperimentKind | undefined {
    return this.kind;
  }

  confirm(served: RecommendationResponse): ExperimentKind {
    const kind = kindServed(served);
    this.kind ??= kind;
    if (kind === this.kind) return kind;
    if (kind === "interleaving") {
      throw new SimulationOptionError(
        "item-click",
        `${this.testName} is an interleaving experiment (POST /recommendations answered variant "${INTERLEAVED_VARIANT}"): ` +
          "give its click rates with --item-click; --click, --add-to-cart, --purchase, --skip-enrollment and --variants are for A/B tests",
      );
    }
    throw new SimulationOptionError(
      "item-click",
      `${this.testName} answered variant "${served.variant}" (status ${served.status}), not an interleaved list: ` +
        "--item-click is for an active interleaving experiment",
    );
  }
}
