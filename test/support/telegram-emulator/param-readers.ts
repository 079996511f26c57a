/**
 * Typed readers for Bot API parameters. Form encodings deliver every value as a string and JSON
 * delivers native values; these accept both, as the real server does, and answer its 400s.
 */
import { badRequest } from './api-error.ts';

type Params = Record<string, unknown>;

/** A chat id: an integer, or an integer in a string. `@username` chats are never known here. */
export function readChatId(params: Params, name = 'chat_id'): number {
  const value = params[name];
  if (value === undefined || value === null || value === '') throw badRequest(`${name} is empty`);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  throw badRequest('chat not found');
}

/** An optional integer; `undefined` when absent. */
export function readOptionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(number)) throw badRequest(`field "${name}" must be of type Integer`);
  return number;
}

/** A required integer. */
export function readInt(params: Params, name: string, emptyMessage = `${name} is empty`): number {
  const value = readOptionalInt(params, name);
  if (value === undefined) throw badRequest(emptyMessage);
  return value;
}

/** An optional string; numbers and booleans are turned into strings, objects refused. */
export function readOptionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest(`field "${name}" must be of type String`);
}

/** An optional boolean ("true"/"false", 1/0 or a JSON boolean). */
export function readBool(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === 1 || value === '1' || value === 'True';
}

/** An optional JSON value that form encodings deliver as a JSON string. */
export function readJsonParam(params: Params, name: string, parseError: string): unknown {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(parseError);
  }
}
