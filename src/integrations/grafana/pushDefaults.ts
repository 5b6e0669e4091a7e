/** The version message when `--message` is not given. */
export const DEFAULT_MESSAGE = 'pushed by lookout grafana push';
/** Per request: long enough for a slow Grafana saving a large dashboard, short enough to notice a dead one. */
export const DEFAULT_TIMEOUT_MS = 30_000;
