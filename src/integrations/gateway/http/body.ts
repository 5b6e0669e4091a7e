import type { IncomingMessage } from 'node:http';
import { GatewayError, invalidRequest } from './errors.js';
import { nestsDeeperThan } from './jsonDepth.js';

/** The `server` settings a body is read under. */
export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxJsonDepth: number;
  readonly bodyTimeoutMs: number;
}

/**
 * Reads a JSON request body under `limits`. A body over the size limit is refused as soon as
 * it is known (from content-length, or when the running total passes it), one that has not
 * all arrived within the body timeout is refused with 408, and one nested too deep with 400
 * before it is parsed. A refused body is left unread, not destroyed: the caller answers, and
 * the answer (408 and 413 close the connection, see sendError) is what the client reads.
 */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new GatewayError(415, 'invalid_request_error', `content-type must be application/json, not ${JSON.stringify(type.slice(0, 100))}`, 'unsupported_media_type');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) throw tooLarge(limits.maxBodyBytes);
  const bytes = await readBytes(req, limits);
  if (bytes.length === 0) throw invalidRequest('the request body is empty; expected a JSON object');
  if (nestsDeeperThan(bytes, limits.maxJsonDepth)) {
    throw invalidRequest(`the request body nests JSON arrays and objects deeper than ${limits.maxJsonDepth} levels`, null, 'json_too_deep');
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw invalidRequest(`the request body is not valid JSON: ${(e as Error).message}`, null, 'invalid_json');
  }
}

/**
 * The body's bytes. Not `for await`: leaving that loop early destroys the request, which
 * marks it errored, and an errored request gets no answer (the client would wait on an open
 * connection). Here a refusal only stops listening and pauses the request.
 */
function readBytes(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // The handler usually reads before the parser has handed over a body that came with the
    // headers, so the timer is the common case; one already complete needs none.
    const timer = req.complete ? undefined : setTimeout(() => refuse(timedOut(limits.bodyTimeoutMs)), limits.bodyTimeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBodyBytes) return refuse(tooLarge(limits.maxBodyBytes));
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // Broken framing (the HTTP parser's clientError answers it) or a client that left mid-upload.
    const onBroken = () => refuse(new GatewayError(400, 'invalid_request_error', 'the request body could not be read', 'unreadable_body'));
    const stop = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onBroken).off('close', onBroken);
    };
    const refuse = (error: GatewayError) => {
      stop();
      req.pause();
      reject(error);
    };
    req.on('data', onData).once('end', onEnd).once('error', onBroken).once('close', onBroken);
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(413, 'invalid_request_error', `the request body is larger than the limit of ${limit} bytes`, 'request_too_large');
}

function timedOut(ms: number): GatewayError {
  return new GatewayError(408, 'invalid_request_error', `the request body did not arrive within ${ms} ms`, 'request_timeout');
}
