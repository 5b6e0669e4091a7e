import { z } from 'zod';

/** Field schemas both input formats share. */

/** A string that must say something: a name, a service, a query. */
export const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });

/** A YAML scalar read as a string, as Go's map[string]string reads `tier: 2` ("2"). */
export const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string' }).transform(String);
