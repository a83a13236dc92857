import ExcelJS from 'exceljs';

/** An Excel file starts with the ZIP signature; anything else is read as CSV text. */
export const isXlsx = (bytes: Uint8Array): boolean =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
};

/**
 * The first sheet of a bank's Excel export as rows of cell texts (dates as YYYY-MM-DD), for the
 * same checks as a CSV statement. Null when the file is not a readable workbook; 'too_large' when
 * the sheet spans more rows or columns than allowed (a cell far down makes every row up to it).
 * Check the ZIP's bounds before calling (readStatementFile does).
 */
export async function statementRowsFromXlsx(
  bytes: Uint8Array,
  bounds: { maxRows: number; maxColumns: number },
): Promise<string[][] | 'too_large' | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.worksheets[0];
  if (!ws) return null;
  if (ws.rowCount > bounds.maxRows || ws.columnCount > bounds.maxColumns) return 'too_large';
  const width = ws.getRow(1).cellCount;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    // A cell beyond the header's width is a column the header does not name.
    for (let c = width + 1; c <= row.cellCount; c++)
      if (cellText(row.getCell(c).value) !== '') cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  });
  return rows;
}
