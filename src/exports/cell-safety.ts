/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`
 * or `@` (or a tab or carriage return before one) is harmless in the XLSX we write, but becomes a
 * live formula as soon as someone edits the cell or saves the sheet as CSV and opens it again. Text
 * typed by reporters or loaded from rosters goes into workbooks, so every text cell is neutralised
 * the way OWASP recommends: a single quote in front, which spreadsheets show as text.
 */

/** The characters that make a spreadsheet read a cell as a formula, ASCII and full-width. */
const FORMULA_START = /^[\s]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/u;

/** The text as a spreadsheet must store it: prefixed with `'` when it could be read as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell value made safe: text neutralised; numbers (negative ones too), dates and empty cells unchanged. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/**
 * The text as it was before `neutraliseFormula`: a workbook the product wrote and reads back (an export
 * loaded by `submissions import`) must give the answer the reporter typed, without the added quote.
 */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
