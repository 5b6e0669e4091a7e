/**
 * Prometheus alert templates, offline: static analysis for lint checks and rendering that
 * matches Prometheus 2.42 byte for byte (for promtool `exp_annotations`).
 */
export { analyzeTemplate } from './analyze.js';
export type { LabelRef, TemplateAnalysis, TemplateProblem } from './analyze.js';
export { expandAlertAnnotation, renderTemplate } from './render.js';
export type { RenderFailure, RenderOptions, RenderResult } from './render.js';
export type { RenderTarget } from './callable.js';
export type { GoValue, TemplateData } from './values.js';
export { formatGo, sprintf } from './sprintf.js';
export { formatFloat } from './goFormat.js';
