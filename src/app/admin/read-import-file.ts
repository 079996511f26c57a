import { problem } from './import-problem.ts';
import { readCsv, type ReadResult } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The old binary Excel format (.xls), which we do not read. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads an import file whatever its format: an Excel workbook (by its .xlsx name or its zip signature,
 * so a renamed file still works) or CSV. The caller gets one table shape either way.
 */
export async function readImportFile(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (OLE_MAGIC.every((byte, index) => bytes[index] === byte)) return { ok: false, problems: [problem(0, undefined, 'xls_unsupported')] };
  const looksZip = ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
  if (looksZip || /\.xlsx$/i.test(fileName)) return readXlsx(bytes);
  return readCsv(bytes);
}
