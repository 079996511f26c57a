/**
 * The HTTP plumbing of the Zalo emulator: reading a JSON body and writing an envelope answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from './zalo-emulator-methods.ts';
import type { ZaloFailure } from './zalo-emulator-state.ts';

/** Marks a body that was not JSON (the emulator answers 400). */
export const INVALID_JSON = Symbol('invalid JSON');

/** Reads the whole body; an empty body counts as `{}`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** Writes a JSON answer, unless the connection is already gone. */
export function answer(res: ServerResponse, result: Answer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(result.status, { 'content-type': 'application/json', ...result.headers });
  res.end(JSON.stringify(result.body));
}

/** The answer of an injected failure. */
export function failureAnswer(failure: ZaloFailure): Answer {
  const code = failure.error_code ?? failure.status ?? 500;
  const headers = failure.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(failure.retryAfterSeconds) };
  return { status: failure.status ?? code, body: { ok: false, error_code: code, description: failure.description ?? 'Injected failure' }, headers };
}

/** An envelope error answer whose HTTP status equals its error code. */
export function errorAnswer(code: number, description: string): Answer {
  return { status: code, body: { ok: false, error_code: code, description } };
}
