import { analyze } from '../../src/engine/compiler/analyze.js';
import { compileRunbooks } from '../../src/engine/compiler/emit/runbooks.js';
import type { Diagnostic } from '../../src/library/diagnostics/diagnostic.js';
import type { AlertRule } from '../../src/library/alerts/define.js';
import { ruleGroup } from '../../src/library/index.js';
import { loadedProject } from './project.js';
import { inProjectFolder } from './projectFolder.js';

/** A rule module holding `rule`, and the project folder's files (runbooks/...). */
export interface RunbookInput {
  rule: AlertRule;
  files: Record<string, string>;
}

/**
 * What the compiler's runbook stage reports for the rule, in a project folder holding `files`:
 * only that stage reads runbooks/, so its checks are not in analyze's findings.
 */
export function runbookDiagnostics({ rule, files }: RunbookInput): Promise<Diagnostic[]> {
  return inProjectFolder(files, (root) => {
    const { analyzed } = analyze(loadedProject({ root, modules: [{ groups: [ruleGroup({ name: 'shop', rules: [rule] })] }] }));
    return compileRunbooks(analyzed).diagnostics;
  });
}
