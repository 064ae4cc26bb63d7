import { badRequest } from './errors.js';

/** Opaque keyset cursors: the sort value and id of the last row of a page. */
export function encodeCursor(value: unknown, id: string | number): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [unknown, string] {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, string | number];
    if (!Array.isArray(decoded) || decoded.length !== 2 || !['string', 'number'].includes(typeof decoded[1])) throw new Error('bad');
    return [decoded[0], String(decoded[1])];
  } catch {
    throw badRequest('cursor is not one this API returned', 'cursor');
  }
}
