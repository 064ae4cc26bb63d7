import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  /** Where in the app the notification leads, e.g. `/leads/<id>`. */
  link?: string | null;
}

/** In-app notifications for people, written in the transaction of what caused them. */
export async function notify(db: DbOrTx, clock: Clock, workspaceId: string, userIds: (string | null | undefined)[], input: NotificationInput): Promise<void> {
  const recipients = [...new Set(userIds.filter((id): id is string => !!id))];
  await notifyEach(db, clock, workspaceId, recipients.map((userId) => ({ userId, ...input })));
}

/** A message of its own for each person, in one statement. */
export async function notifyEach(db: DbOrTx, clock: Clock, workspaceId: string, messages: (NotificationInput & { userId: string })[]): Promise<void> {
  if (!messages.length) return;
  await db.insertInto('notifications').values(messages.map((message) => ({
    workspace_id: workspaceId, user_id: message.userId, kind: message.kind, title: message.title, body: message.body ?? null, link: message.link ?? null,
    created_at: clock.now(),
  }))).execute();
}

export async function listNotifications(db: DbOrTx, workspaceId: string, userId: string, options: { unreadOnly?: boolean; limit: number }) {
  let query = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([
    query.orderBy('id', 'desc').limit(options.limit).execute(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', workspaceId).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return {
    unread: Number(unread.count),
    items: rows.map((row) => ({ id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: row.created_at, readAt: row.read_at })),
  };
}

/** Marks the given notifications (or all) of the person read. */
export async function markRead(db: DbOrTx, clock: Clock, workspaceId: string, userId: string, ids: number[] | 'all'): Promise<void> {
  let query = db.updateTable('notifications').set({ read_at: clock.now() })
    .where('workspace_id', '=', workspaceId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids.length ? ids : [-1]);
  await query.execute();
}
