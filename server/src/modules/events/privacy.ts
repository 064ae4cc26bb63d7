import { sql } from 'kysely';
import type { ContactDataSource } from '../contacts/index.js';

/**
 * A person's events: exported with their payloads; on erasure kept as anonymous counts —
 * the event, its page and channel stay, the person, their ids and what they sent go.
 */
export const eventData: ContactDataSource = {
  name: 'events',
  async export(db, workspaceId, contactId) {
    const { rows } = await sql`
      select occurred_at, type, name, page_path, channel, payload from events
       where workspace_id = ${workspaceId} and contact_id = ${contactId} order by occurred_at`.execute(db);
    return rows;
  },
  async erase(trx, workspaceId, contactId) {
    const { rows: visitors } = await sql<{ key: string }>`
      delete from visitors where workspace_id = ${workspaceId} and contact_id = ${contactId} returning key`.execute(trx);
    await sql`delete from web_sessions where workspace_id = ${workspaceId} and (contact_id = ${contactId} or visitor_key = any(${visitors.map((v) => v.key)}::text[]))`.execute(trx);
    const anonymised = await sql`
      update events set contact_id = null, anonymous_id = null, user_id = null, session_id = null, visitor_key = 'erased',
             payload = jsonb_build_object('type', type, 'event', name)
       where workspace_id = ${workspaceId} and (contact_id = ${contactId} or visitor_key = any(${visitors.map((v) => v.key)}::text[]))`.execute(trx);
    return { anonymousEvents: Number(anonymised.numAffectedRows ?? 0) };
  },
};
