import type { LoadedProject } from '../../src/engine/compiler/model.js';
import type { RuleGroup } from '../../src/library/alerts/define.js';
import { defineProject } from '../../src/library/index.js';
import { shop } from '../fixtures/mini/metrics.js';

/** The mini shop project as the loader would hand it to analyze, with one rule module holding `group`. */
export function shopProject(group: RuleGroup): LoadedProject {
  return {
    root: '/project',
    project: defineProject({ name: 'shop', catalogs: [shop], scrapeInterval: '15s', evaluationInterval: '1m', retention: '35d' }),
    catalogs: [shop],
    modules: [{ file: '/project/rules/shop.ts', relPath: 'rules/shop.ts', groups: [group], slos: [], routings: [], dashboards: [] }],
  };
}
