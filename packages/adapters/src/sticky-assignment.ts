import { chooseEnrollment, type Experiment, findVariant, type Variant } from "@personalize-ab/domain";
import type { AssignmentsRepository } from "./dynamodb/assignments-repository";
import { logger } from "./powertools";

export interface ResolvedAssignment {
  readonly variant: Variant;
  /** True when this request stored the assignment. */
  readonly isNew: boolean;
}

/**
 * A user's variant in an active test: the stored one if any, otherwise the recipe's hash over the
 * current weights (equal weights for a bandit's held-out users), stored with the allocation period
 * in force by a conditional write, so that concurrent first requests agree on one variant and a
 * later weight change never moves an enrolled user.
 */
export class StickyAssignments {
  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The hash's answer, known before any read returns; equal to the stored one unless weights changed. */
  predict(userId: string, experiment: Experiment): Variant {
    return chooseEnrollment(userId, experiment).variant;
  }

  /**
   * The variant `resolve` would give now, and whether it is stored; nothing is written (a preview
   * must not enroll the user it looks at).
   */
  async current(userId: string, experiment: Experiment): Promise<{ variant: Variant; stored: boolean }> {
    const stored = await this.repository.find(userId, experiment.name);
    if (stored) return { variant: this.storedVariant(stored.variant, userId, experiment), stored: true };
    return { variant: this.predict(userId, experiment), stored: false };
  }

  async resolve(userId: string, experiment: Experiment): Promise<ResolvedAssignment> {
    const stored = await this.repository.find(userId, experiment.name);
    if (stored) return { variant: this.storedVariant(stored.variant, userId, experiment), isNew: false };
    const choice = chooseEnrollment(userId, experiment);
    const enrolledAtMs = this.now();
    const { assignment: winner, stored: isNew } = await this.repository.claim({
      userId,
      testName: experiment.name,
      variant: choice.variant.id,
      allocationPeriod: choice.period,
      holdout: choice.holdout,
      assignedAt: Math.floor(enrolledAtMs / 1000),
      enrolledAtMs,
    });
    return {
      variant: this.storedVariant(winner.variant, userId, experiment),
      isNew,
    };
  }

  private storedVariant(variantId: string, userId: string, experiment: Experiment): Variant {
    const variant = findVariant(experiment, variantId);
    if (variant) return variant;
    // The experiment no longer has this variant: serve the hash's choice, keep the record as it is.
    logger.warn("stored variant no longer in experiment", { userId, testName: experiment.name, variantId });
    return this.predict(userId, experiment);
  }
}
