import type { IncomingMessage } from 'node:http';
import { GatewayError, invalidRequest } from './errors.js';

/**
 * Reads a JSON request body of at most `limit` bytes. A body over the limit is refused as soon
 * as it is known (from content-length, or when the running total passes it), not after
 * buffering it all.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new GatewayError(415, 'invalid_request_error', `content-type must be application/json, not ${JSON.stringify(type.slice(0, 100))}`, 'unsupported_media_type');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof GatewayError) throw e;
    // Broken framing (the HTTP parser's clientError answers it) or a client that left mid-upload.
    throw new GatewayError(400, 'invalid_request_error', 'the request body could not be read', 'unreadable_body');
  }
  if (size === 0) throw invalidRequest('the request body is empty; expected a JSON object');
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalidRequest(`the request body is not valid JSON: ${(e as Error).message}`, null, 'invalid_json');
  }
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(413, 'invalid_request_error', `the request body is larger than the limit of ${limit} bytes`, 'request_too_large');
}
