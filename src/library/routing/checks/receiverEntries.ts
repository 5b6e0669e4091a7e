/** The entries of one receiver type (`webhook_configs: [...]`), skipping anything that is not an object. */
export function receiverEntries(config: Readonly<Record<string, unknown>>, type: string): Array<Record<string, unknown>> {
  const list = config[type];
  return Array.isArray(list) ? list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object') : [];
}
