import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** A value as a CSV cell: empty for nothing, lists joined with ';', times in ISO 8601. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A CSV download produced row by row as `rows` yields them (typically page by page from a
 * keyset query), honouring backpressure: a million rows never sit in memory. A BOM keeps
 * Excel reading it as UTF-8.
 */
export function csvStream(columns: string[], rows: () => AsyncIterable<unknown[]>): Readable {
  const output = stringify({ header: true, columns, bom: true });
  (async () => {
    for await (const row of rows()) {
      if (!output.write(row.map(csvCell))) await new Promise((resolve) => output.once('drain', resolve));
    }
    output.end();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
