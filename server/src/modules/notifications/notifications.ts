import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import { sendMail } from '../../platform/mail.js';

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

export const emailQueue = 'notifications.email';

/** A message of its own for each person, in one statement; the email copies follow in the background. */
export async function notifyEach(db: DbOrTx, clock: Clock, workspaceId: string, messages: (NotificationInput & { userId: string })[]): Promise<void> {
  if (!messages.length) return;
  const rows = await db.insertInto('notifications').values(messages.map((message) => ({
    workspace_id: workspaceId, user_id: message.userId, kind: message.kind, title: message.title, body: message.body ?? null, link: message.link ?? null,
    created_at: clock.now(),
  }))).returning('id').execute();
  await enqueue(db, clock, { queue: emailQueue, workspaceId, payload: { ids: rows.map((row) => row.id) } });
}

/**
 * Emails notifications to their people, each once: a notification is marked before its
 * email goes out, so a retried job never sends it twice (a crash in between loses that one
 * email; the in-app notification stays).
 */
export async function emailNotifications(db: Db, clock: Clock, config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'smtpConnections'>, logger: Logger, workspaceId: string, ids: number[]) {
  if (!config.smtpUrl) {
    logger.debug({ count: ids.length }, 'notification emails not sent: SMTP_URL is not set');
    return;
  }
  for (const id of ids) {
    const claimed = await db.updateTable('notifications').set({ emailed_at: clock.now() })
      .where('workspace_id', '=', workspaceId).where('id', '=', id).where('emailed_at', 'is', null)
      .returning(['user_id', 'title', 'body', 'link']).executeTakeFirst();
    if (!claimed) continue;
    const user = await db.selectFrom('users').select(['email', 'name']).where('id', '=', claimed.user_id).executeTakeFirst();
    if (!user) continue;
    const link = claimed.link ? `\n\n${config.publicUrl}${claimed.link}` : '';
    await sendMail(config, { to: user.email, subject: claimed.title, text: `${claimed.body ?? claimed.title}${link}\n\n— Tandem` });
  }
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
