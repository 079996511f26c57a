/**
 * Reads a raw webhook body as the channels do (UTF-8, then JSON), for the pure path of the fuzz
 * suites; `undefined` stands for "the webhook answers 400".
 */
import type { RawBody } from './generators/raw-bodies.ts';

/** The parsed body, or undefined when it is not JSON. */
export function parseBody(raw: RawBody): unknown {
  const text = typeof raw.body === 'string' ? raw.body : raw.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
