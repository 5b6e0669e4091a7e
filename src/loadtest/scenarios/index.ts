import type { Scenario } from '../scenario.js';
import { healthyBaseline } from './healthyBaseline.js';
import { providerDown } from './providerDown.js';

/** Every scenario `npm run loadtest -- --scenario NAME` knows, by name. */
export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map([healthyBaseline, providerDown].map((s) => [s.name, s]));
