/**
 * Small builders over the `docx` package for official Vietnamese documents: Times New Roman
 * paragraphs in points, justified body text with a first-line indent, and bordered tables with a
 * bold header row. The package writes the XML; nothing here assembles it by hand.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, UnderlineType, VerticalAlign, WidthType } from 'docx';

/** One twentieth of a point: Word's unit for lengths (1 mm ≈ 56.7). */
export const TWIPS_PER_MM = 56.7;

export const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);

/** A4 portrait in twips. */
export const A4 = { width: 11906, height: 16838 } as const;

/** Margins within Decree 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(20) } as const;

/** The width text can take between the margins. */
export const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

/** How a run of text looks. */
export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

/** How a paragraph sits. */
export interface ParagraphStyle extends RunStyle {
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in mm (body text: 10 mm). */
  indentMm?: number;
  /** Space after, in points. */
  after?: number;
  before?: number;
  keepNext?: boolean;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/** A run of text; `size` in points. */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    ...(style.size ? { size: style.size * 2 } : {}),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italics ? { italics: true } : {}),
    ...(style.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
  });
}

/** A paragraph of one or more runs. */
export function para(content: string | TextRun[], style: ParagraphStyle = {}): Paragraph {
  const children = typeof content === 'string' ? [run(content, style)] : content;
  return new Paragraph({
    children,
    alignment: ALIGN[style.align ?? 'left'],
    spacing: { after: (style.after ?? 0) * 20, before: (style.before ?? 0) * 20 },
    ...(style.indentMm ? { indent: { firstLine: mm(style.indentMm) } } : {}),
    ...(style.keepNext ? { keepNext: true } : {}),
  });
}

/** Body text: justified, 10 mm first-line indent, 6 pt after. */
export function body(content: string | TextRun[], style: RunStyle = {}): Paragraph {
  return para(content, { align: 'justify', indentMm: 10, after: 6, ...style });
}

/** A cell of paragraphs, with a width in twips. */
export function cell(children: Paragraph[], width: number, options: { shade?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    ...(options.shade ? { shading: { fill: 'EDEDED' } } : {}),
  });
}

/** A borderless layout table (letterhead, signature) of one row. */
export function layoutRow(columns: Array<{ width: number; children: Paragraph[] }>): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((column) => column.width),
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: columns.map((column) => cell(column.children, column.width)) })],
  });
}

/** A column of a data table: header, share of the width, alignment of its cells. */
export interface DataColumn {
  header: string;
  weight: number;
  align?: 'left' | 'center' | 'right';
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** A bordered data table in 12 pt with a bold, repeated header row; a `bold` row is a total. */
export function dataTable(columns: readonly DataColumn[], rows: ReadonlyArray<{ cells: string[]; bold?: boolean }>): Table {
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => Math.floor((CONTENT_WIDTH * column.weight) / total));
  const line = (text: string, align: DataColumn['align'], bold: boolean) => para(text, { size: 12, align: align ?? 'left', bold });
  const header = new TableRow({
    tableHeader: true,
    children: columns.map((column, i) => cell([line(column.header, 'center', true)], widths[i] as number, { shade: true })),
  });
  const body = rows.map(
    (row) => new TableRow({ cantSplit: true, children: columns.map((column, i) => cell([line(row.cells[i] ?? '', column.align, Boolean(row.bold))], widths[i] as number)) }),
  );
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [header, ...body],
  });
}
