import type { Scenario } from '../scenario.js';
import { abandonedStreams } from './abandonedStreams.js';
import { allProvidersFailing } from './allProvidersFailing.js';
import { guardrailBlockStorm } from './guardrailBlockStorm.js';
import { healthyBaseline } from './healthyBaseline.js';
import { ledgerDown } from './ledgerDown.js';
import { providerDown } from './providerDown.js';
import { rateLimitStorm } from './rateLimitStorm.js';
import { replicaKilled } from './replicaKilled.js';
import { slowProvider } from './slowProvider.js';
import { streamsWithoutUsage } from './streamsWithoutUsage.js';

/** Every scenario `npm run loadtest -- --scenario NAME` knows, by name, in the order `npm run loadtest:all` runs them. */
export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map(
  [healthyBaseline, providerDown, allProvidersFailing, slowProvider, rateLimitStorm, streamsWithoutUsage, ledgerDown, guardrailBlockStorm, replicaKilled, abandonedStreams].map((s) => [s.name, s]),
);
