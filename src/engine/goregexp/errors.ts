/**
 * A pattern Go's regexp.Compile rejects. The message is Go's own (`error parsing regexp:
 * missing closing ): \`(\``), because Prometheus shows users exactly that text.
 */
export class RegexpSyntaxError extends Error {
  constructor(
    /** Go's ErrorCode text, e.g. "missing closing )". */
    readonly code: string,
    /** The offending part of the pattern, as Go quotes it. */
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = 'RegexpSyntaxError';
  }
}

/**
 * A pattern Go accepts but lookout cannot reproduce exactly in JavaScript (Go's size limits,
 * or a capture whose value Go keeps from an earlier loop iteration). Callers report it rather
 * than guess a result.
 */
export class RegexpUnsupportedError extends Error {
  constructor(
    readonly feature: string,
    readonly pattern: string,
  ) {
    super(`lookout cannot reproduce Go's regexp exactly here: ${feature} (in \`${pattern}\`)`);
    this.name = 'RegexpUnsupportedError';
  }
}
