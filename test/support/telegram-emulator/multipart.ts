/**
 * A small multipart/form-data parser: enough for what HTTP clients such as telegraf send (text
 * fields and file parts, any binary content). Works on the whole body in memory; the emulator
 * caps request size before calling it.
 */
import type { UploadedFile } from './types.ts';

/** The fields and file parts of a multipart body. */
export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

/** Extracts the boundary from a `content-type` header, or undefined when there is none. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Parses a multipart body; throws an Error with a reason when the body is malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const result: MultipartBody = { fields: {}, files: {} };
  let position = body.indexOf(delimiter);
  if (position < 0) throw new Error('multipart boundary not found');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString('latin1') === '--') return result;
    position = skipLineBreak(body, position);
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const contentStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), contentStart);
    if (next < 0) throw new Error('multipart part not terminated');
    addPart(result, headers, body.subarray(contentStart, next));
    position = next + 2;
  }
}

function skipLineBreak(body: Buffer, position: number): number {
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  if (body[position] === 0x0a) return position + 1;
  return position;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}="([^"]*)"`, 'i').exec(disposition) ?? new RegExp(`(?:^|;)\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
  return match?.[1];
}

function addPart(result: MultipartBody, headers: Map<string, string>, content: Buffer): void {
  const disposition = headers.get('content-disposition') ?? '';
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) throw new Error('multipart part without a name');
  const filename = dispositionParam(disposition, 'filename');
  if (filename === undefined) {
    result.fields[name] = content.toString('utf8');
    return;
  }
  result.files[name] = {
    filename,
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    bytes: Buffer.from(content),
  };
}
