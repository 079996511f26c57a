/**
 * Reads a Bot API request into parameters and uploaded files, whatever way the client encoded it:
 * query string, JSON, `application/x-www-form-urlencoded` or `multipart/form-data` (the way
 * telegraf uploads files). Body fields win over query-string fields, as on the real server.
 */
import type { IncomingMessage } from 'node:http';
import { badRequest, ApiError } from './api-error.ts';
import { multipartBoundary, parseMultipart } from './multipart.ts';
import type { UploadedFile } from './types.ts';

/** A request's parameters (strings for form encodings, any JSON value for JSON) and file parts. */
export interface ParsedRequest {
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

/** The Bot API's upload ceiling for bots on the public server. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Reads and decodes the body; throws an ApiError (400 or 413) for a body it cannot use. */
export async function readRequest(req: IncomingMessage, url: URL): Promise<ParsedRequest> {
  const query = Object.fromEntries(url.searchParams.entries());
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params: query, files: {} };
  if (/^application\/json/i.test(contentType)) return { params: { ...query, ...parseJsonObject(body) }, files: {} };
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return { params: { ...query, ...Object.fromEntries(new URLSearchParams(body.toString('utf8')).entries()) }, files: {} };
  }
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = multipartBoundary(contentType);
    if (boundary === undefined) throw badRequest('multipart boundary is missing');
    try {
      const parsed = parseMultipart(body, boundary);
      return { params: { ...query, ...parsed.fields }, files: parsed.files };
    } catch (error) {
      throw badRequest(`can't parse multipart body: ${(error as Error).message}`);
    }
  }
  return { params: query, files: {} };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request Entity Too Large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('JSON object expected');
  return value as Record<string, unknown>;
}

/** A call's parameters for the call log: file parts replaced by a summary, nothing else changed. */
export function loggableParams(request: ParsedRequest): Record<string, unknown> {
  const files = Object.fromEntries(
    Object.entries(request.files).map(([name, file]) => [name, { filename: file.filename, contentType: file.contentType, size: file.bytes.length }]),
  );
  return { ...request.params, ...files };
}
