/** Renders a GitHub-flavoured Markdown table (readable as plain text too). */

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const cell = (text: string, i: number): string =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: readonly string[]): string => `| ${columns.map((_, i) => cell(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `|${columns.map((column, i) => (column.align === 'right' ? `${'-'.repeat(widths[i]! + 1)}:` : `:${'-'.repeat(widths[i]! + 1)}`)).join('|')}|`;
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(value: number): string {
  return integer.format(Math.round(value));
}

export function formatFixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

export function formatPercent(fraction: number, digits = 0): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}
