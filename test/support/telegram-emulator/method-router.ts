/**
 * Routes a Bot API call to its handler and turns the outcome into the Bot API's answer: the
 * `{ ok: true, result }` envelope with HTTP 200, or `{ ok: false, error_code, description,
 * parameters? }` with the error's status. Method names are case-insensitive, as on the real server.
 */
import { ApiError, DescribedResult, NOT_FOUND, okBody } from './api-error.ts';
import type { CallInfo, MethodContext, MethodHandler } from './method-context.ts';
import { MESSAGING_METHODS } from './messaging-methods.ts';
import { RECEIVING_METHODS } from './receiving-methods.ts';
import type { ParsedRequest } from './request-body.ts';

/** An HTTP status and JSON body to write. */
export interface MethodAnswer {
  status: number;
  body: unknown;
}

const OTHER_METHODS: Record<string, MethodHandler> = {
  getMe: (ctx) => ({ ...ctx.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false }),
  answerCallbackQuery: (ctx, { params }) => ctx.callbacks.answer(params),
  setMyCommands: (ctx, { params }) => ctx.commands.set(params),
  getMyCommands: (ctx, { params }) => ctx.commands.get(params),
  deleteMyCommands: (ctx, { params }) => ctx.commands.delete(params),
};

const HANDLERS = new Map<string, { name: string; handler: MethodHandler }>(
  Object.entries({ ...RECEIVING_METHODS, ...MESSAGING_METHODS, ...OTHER_METHODS }).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** The canonical name of a method (e.g. `sendmessage` → `sendMessage`), or undefined if unknown. */
export function canonicalMethod(method: string): string | undefined {
  return HANDLERS.get(method.toLowerCase())?.name;
}

/** Runs a method and answers as the Bot API would; unexpected exceptions become 500. */
export async function callMethod(ctx: MethodContext, method: string, request: ParsedRequest, call: CallInfo): Promise<MethodAnswer> {
  const entry = HANDLERS.get(method.toLowerCase());
  if (entry === undefined) return errorAnswer(NOT_FOUND());
  try {
    const result = await entry.handler(ctx, request, call);
    if (result instanceof DescribedResult) return { status: 200, body: okBody(result.result, result.description) };
    return { status: 200, body: okBody(result) };
  } catch (error) {
    if (error instanceof ApiError) return errorAnswer(error);
    return errorAnswer(new ApiError(500, `Internal Server Error: ${(error as Error).message}`));
  }
}

/** The answer for an error. */
export function errorAnswer(error: ApiError): MethodAnswer {
  return { status: error.status, body: error.toBody() };
}
