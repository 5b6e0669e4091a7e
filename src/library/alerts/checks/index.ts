import type { Check } from '../../diagnostics/check.js';
import { alertComparison } from './comparison.js';
import type { AlertCheck, RecordingCheck } from './context.js';
import { alertDescription } from './description.js';
import { alertFor } from './forDuration.js';
import { alertLabels } from './labels.js';
import { alertAnnotationNames } from './annotationNames.js';
import { alertLabelOverwrite } from './labelOverwrite.js';
import { alertLinks } from './links.js';
import { alertName } from './name.js';
import { recordLabels } from './recordLabels.js';
import { recordName } from './recordName.js';
import { alertSummary } from './summary.js';
import { templateLabels } from './templateLabels.js';
import { templateSyntax } from './templateSyntax.js';
import { templateUnsupported } from './templateUnsupported.js';

export const ALERT_CHECKS: readonly AlertCheck[] = [
  alertName,
  alertComparison,
  alertSummary,
  alertDescription,
  alertFor,
  alertLabels,
  alertAnnotationNames,
  alertLabelOverwrite,
  alertLinks,
  templateSyntax,
  templateUnsupported,
  templateLabels,
];

export const RECORDING_CHECKS: readonly RecordingCheck[] = [recordName, recordLabels];

export type { RuleContext, AlertCheck, RecordingCheck } from './context.js';
export { alertRunbookMissing, runbookMissing, type RunbookIndex } from './runbookMissing.js';
export type { Check };
