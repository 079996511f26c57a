// Reads a .docx the way a test needs it: unzips it, takes word/document.xml, and returns its
// paragraphs' text and its tables as rows of cell texts.
import JSZip from 'jszip';

/** The text of a document and of its tables. */
export interface DocxText {
  xml: string;
  paragraphs: string[];
  tables: string[][][];
}

const decode = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decode(match[1] ?? '')).join('');
}

/** Splits `xml` into the outermost elements named `tag` (tables are not nested here). */
function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>[\\s\\S]*?</${tag}>`, 'g'))].map((match) => match[0]);
}

/** Opens the document; throws if it is not a zip with a Word body. */
export async function readDocx(bytes: Buffer): Promise<DocxText> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('no word/document.xml');
  const xml = await file.async('string');
  const tables = elements(xml, 'w:tbl').map((table) => elements(table, 'w:tr').map((row) => elements(row, 'w:tc').map(textOf)));
  const paragraphs = elements(xml, 'w:p').map(textOf);
  return { xml, paragraphs, tables };
}
