/**
 * The Bot API's `parse_mode: 'HTML'`: turns marked-up text into plain text plus entities, or
 * fails like the server with 400 `Bad Request: can't parse entities: ...`. Only the tags the
 * Bot API supports are accepted; named entities are limited to lt, gt, amp and quot, numeric
 * entities are all decoded, and an unknown `&name;` stays as literal text.
 */
import { badRequest } from './api-error.ts';
import type { TgMessageEntity } from './types.ts';

/** Plain text and its entities (UTF-16 offsets). */
export interface ParsedText {
  text: string;
  entities: TgMessageEntity[];
}

const TAG_ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  pre: 'pre',
  a: 'text_link',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  attributes: Map<string, string>;
}

/** Parses Bot API HTML; throws ApiError 400 on unsupported, unclosed or unbalanced tags. */
export function parseHtml(source: string): ParsedText {
  const stack: OpenTag[] = [];
  const entities: TgMessageEntity[] = [];
  let text = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === '&') {
      const match = /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{1,8});/i.exec(source.slice(index, index + 12));
      const decoded = match === null ? undefined : decodeEntity(match[1] as string);
      text += decoded ?? '&';
      index += decoded === undefined ? 1 : (match as RegExpExecArray)[0].length;
      continue;
    }
    if (char !== '<') {
      text += char;
      index += 1;
      continue;
    }
    const close = source.indexOf('>', index);
    const offset = byteOffset(source, index);
    if (close < 0) throw parseError(`Unclosed ${source[index + 1] === '/' ? 'end' : 'start'} tag at byte offset ${offset}`);
    const inner = source.slice(index + 1, close);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (open === undefined) throw parseError(`Unexpected end tag at byte offset ${offset}`);
      if (open.name !== name) throw parseError(`Unmatched end tag at byte offset ${offset}, expected "</${open.name}>", found "</${name}>"`);
      const entity = toEntity(open, text.length, stack);
      if (entity !== undefined) entities.push(entity);
    } else {
      stack.push(openTag(inner, offset, text.length));
    }
    index = close + 1;
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function openTag(inner: string, offset: number, start: number): OpenTag {
  const match = /^([a-z][a-z0-9-]*)(\s[\s\S]*)?$/i.exec(inner);
  const name = match?.[1]?.toLowerCase();
  if (match === null || name === undefined || TAG_ENTITY[name] === undefined) {
    throw parseError(`Unsupported start tag "${(match?.[1] ?? inner).toLowerCase()}" at byte offset ${offset}`);
  }
  const attributes = parseAttributes(match[2] ?? '', offset);
  if (name === 'span' && attributes.get('class') !== 'tg-spoiler') throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${offset}`);
  return { name, start, attributes };
}

function parseAttributes(source: string, offset: number): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([a-z][a-z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi;
  const rest = source.replace(pattern, (whole: string, key: string, dq?: string, sq?: string, bare?: string) => {
    attributes.set(key.toLowerCase(), decodeAll(dq ?? sq ?? bare ?? ''));
    return '';
  });
  if (rest.trim() !== '') throw parseError(`Expected equal sign in declaration of an attribute of the tag at byte offset ${offset}`);
  return attributes;
}

function toEntity(tag: OpenTag, end: number, outer: OpenTag[]): TgMessageEntity | undefined {
  const length = end - tag.start;
  if (length === 0) return undefined;
  const type = TAG_ENTITY[tag.name] as string;
  const entity: TgMessageEntity = { type, offset: tag.start, length };
  if (tag.name === 'a') {
    const href = tag.attributes.get('href');
    if (href === undefined || href === '') return undefined;
    entity.url = href;
  }
  if (tag.name === 'blockquote' && tag.attributes.has('expandable')) entity.type = 'expandable_blockquote';
  const pre = outer.at(-1);
  if (tag.name === 'code' && pre?.name === 'pre' && /^language-./.test(tag.attributes.get('class') ?? '')) {
    pre.attributes.set('class', tag.attributes.get('class') as string);
    return undefined;
  }
  if (tag.name === 'pre') {
    const language = /^language-(.+)$/.exec(tag.attributes.get('class') ?? '')?.[1];
    if (language !== undefined) entity.language = language;
  }
  return entity;
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[body.toLowerCase()];
}

function decodeAll(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{1,8});/gi, (whole, body: string) => decodeEntity(body) ?? whole);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8');
}

function parseError(detail: string): ReturnType<typeof badRequest> {
  return badRequest(`can't parse entities: ${detail}`);
}
