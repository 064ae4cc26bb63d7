import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { contactSummaries } from '../contacts/index.js';

/** Where a segment's or a list's members are, and since when each is in. */
export type Members =
  | { table: 'segment_members'; key: 'segment_id'; since: 'entered_at'; id: string }
  | { table: 'list_members'; key: 'list_id'; since: 'added_at'; id: string };

/** A page of members, most recent first (keyset on since, contact id), with who they are. */
export async function memberPage(db: DbOrTx, workspaceId: string, members: Members, page: { limit: number; cursor?: string }) {
  let after = sql``;
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor);
    after = sql` and (${sql.ref(members.since)}, contact_id) < (${at as string}::timestamptz, ${id}::uuid)`;
  }
  const { rows } = await sql<{ contact_id: string; since: Date }>`
    select contact_id, ${sql.ref(members.since)} as since from ${sql.table(members.table)}
     where workspace_id = ${workspaceId} and ${sql.ref(members.key)} = ${members.id}${after}
     order by ${sql.ref(members.since)} desc, contact_id desc limit ${page.limit + 1}`.execute(db);
  const items = rows.slice(0, page.limit);
  const contacts = await contactSummaries(db, workspaceId, items.map((row) => row.contact_id));
  const last = items.at(-1);
  return {
    items: items.map((row) => ({ contact: contacts.get(row.contact_id)!, since: row.since })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.since.toISOString(), last.contact_id) : null,
  };
}
