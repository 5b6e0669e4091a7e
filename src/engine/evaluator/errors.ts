/**
 * Thrown for a PromQL feature the evaluator does not reproduce exactly (a function, a regex
 * construct, native histograms). Callers report `feature` instead of guessing a result.
 */
export class UnsupportedError extends Error {
  constructor(
    readonly feature: string,
    detail?: string,
  ) {
    super(`unsupported by lookout's evaluator: ${feature}${detail ? ` (${detail})` : ''}`);
    this.name = 'UnsupportedError';
  }
}

/**
 * An error Prometheus itself raises while evaluating (duplicate series in a vector,
 * many-to-many matching, a sample that cannot be appended). promtool fails the test with
 * the same condition, so callers surface it as a problem in the rule, not in lookout.
 */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}
