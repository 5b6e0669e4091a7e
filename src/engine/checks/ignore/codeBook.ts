/** What silencing needs of the check registry: the codes there are, and which cannot be silenced. */
export interface CodeBook {
  readonly codes: readonly string[];
  /** Why problems of this code cannot be silenced; undefined when they can. */
  refusal(code: string): string | undefined;
}
