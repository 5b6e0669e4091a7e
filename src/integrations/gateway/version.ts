import { readFileSync } from 'node:fs';

// src/integrations/gateway and dist/integrations/gateway both sit three levels below package.json.
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The build the gateway reports in gateway_build_info; the revision comes from the deploy (LOOKOUT_REVISION). */
export const version = {
  version: pkg.version,
  revision: process.env.LOOKOUT_REVISION ?? 'unknown',
} as const;
