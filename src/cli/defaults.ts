import path from 'node:path';
import { DASHBOARDS_SUBDIR, GENERATED_DIR } from '../engine/compiler/discover.js';

/** Where `lookout generate` writes the dashboards, relative to the project: what push, check-queries and preview read by default. */
export const DEFAULT_DASHBOARD_DIR = path.join(GENERATED_DIR, DASHBOARDS_SUBDIR);

/** Where `lookout preview` writes its page unless --out says otherwise. */
export const DEFAULT_PREVIEW_OUT = path.join('generated-preview', 'index.html');
