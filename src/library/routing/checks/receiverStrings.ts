/** A string somewhere in a receiver's config, with its field path and the key holding it. */
export interface ReceiverString {
  path: string;
  key: string;
  value: string;
}

/** Every string of a receiver's config: what the secret and template checks read. */
export function receiverStrings(value: unknown, path: string, out: ReceiverString[] = []): ReceiverString[] {
  if (typeof value === 'string') out.push({ path, key: path.split('.').pop()!.replace(/\[\d+\]$/, ''), value });
  else if (Array.isArray(value)) value.forEach((v, i) => receiverStrings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) receiverStrings(v, `${path}.${k}`, out);
  return out;
}
