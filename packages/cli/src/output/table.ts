/** A column of {@link renderTable}. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
}

/**
 * A plain-text table: a header, then one line per row, columns padded to their widest cell.
 * No colours and no box drawing, so it reads the same in a terminal, a log and a pipe.
 */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.value(row))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const render = (line: readonly string[]): string =>
    line
      .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...cells.map(render)].join('\n');
}

/** Label/value lines for one object (`connections show`), labels aligned. */
export function renderFields(fields: readonly (readonly [label: string, value: string | undefined])[]): string {
  const shown = fields.filter((field): field is readonly [string, string] => field[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}  ${oneLine(value)}`).join('\n');
}

/** Keeps a cell on one line: a label or owner id with a newline must not break the table. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
