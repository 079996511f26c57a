/** The outcome of reading bytes as text: the text, or why it is not UTF-8. */
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: 'utf16' | 'not_utf8' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Reads a file's bytes as UTF-8, with or without the byte-order mark Excel's "CSV UTF-8" writes.
 * Anything else (a Windows-1258 or 1252 export, Excel's "Unicode text" in UTF-16) is refused rather than
 * guessed: a wrong guess would store mangled Vietnamese names.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, reason: 'utf16' };
  const start = UTF8_BOM.every((byte, index) => bytes[index] === byte) ? UTF8_BOM.length : 0;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    return { ok: false, reason: 'not_utf8' };
  }
}

/** The 1-based line of the first byte that is not valid UTF-8, to point the operator at it. */
export function firstBadLine(bytes: Uint8Array): number {
  let line = 1;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return line;
    for (let next = 1; next < length; next += 1) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return line;
    }
    if (byte === 0x0a) line += 1;
    index += length;
  }
  return line;
}
