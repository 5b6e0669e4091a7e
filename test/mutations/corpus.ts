import { ALERTS, GROUPS, RECORDS } from './alerts.js';
import { CATALOG } from './catalog.js';
import { CONFIG } from './config.js';
import { DASHBOARDS } from './dashboards.js';
import { MODULE } from './modules.js';
import type { Mutation } from './mutation.js';
import { PROMQL } from './promql.js';
import { ROUTING } from './routing.js';
import { RUNBOOKS } from './runbooks.js';
import { SLOS } from './slo.js';

/** Every broken definition of the corpus, in a stable order. */
export const CORPUS: readonly Mutation[] = [...CATALOG, ...PROMQL, ...ALERTS, ...RECORDS, ...GROUPS, ...SLOS, ...ROUTING, ...DASHBOARDS, ...RUNBOOKS, ...CONFIG, ...MODULE];
