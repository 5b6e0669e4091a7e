/** Mutations per kind in the unit suite's sample: eleven kinds, 22 generates at most. */
export const SAMPLE_PER_KIND = 2;
