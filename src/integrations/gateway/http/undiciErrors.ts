/** undici's error code, if the error has one (ECONNRESET, UND_ERR_SOCKET, ...). */
export function errorCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** Whether undici gave up waiting: for headers, for the next body chunk, or for the connection. */
export function isTimeout(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
