import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { contactSummaries } from '../contacts/index.js';

/** A form's submissions, newest first, with who sent them. */
export async function listSubmissions(db: DbOrTx, workspaceId: string, formId: string, page: { limit: number; before?: string }) {
  let query = db.selectFrom('form_submissions').select(['id', 'contact_id', 'answers', 'page_url', 'referrer', 'source', 'utm', 'submitted_at'])
    .where('workspace_id', '=', workspaceId).where('form_id', '=', formId);
  if (page.before) query = query.where('submitted_at', '<', new Date(page.before));
  const rows = await query.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  const names = await contactSummaries(db, workspaceId, rows.map((row) => row.contact_id));
  return rows.map((row) => ({
    id: row.id, contactId: row.contact_id, contactName: names.get(row.contact_id)?.name ?? null, contactEmail: names.get(row.contact_id)?.email ?? null,
    answers: row.answers as Record<string, unknown>, pageUrl: row.page_url, referrer: row.referrer, source: row.source, utm: row.utm as Record<string, string>, submittedAt: row.submitted_at,
  }));
}

/** Every submission, page by page (the CSV export). */
export async function* allSubmissions(db: DbOrTx, workspaceId: string, formId: string) {
  let before: string | undefined;
  for (;;) {
    const page = await listSubmissions(db, workspaceId, formId, { limit: 1000, before });
    yield* page;
    if (page.length < 1000) return;
    before = page.at(-1)!.submittedAt.toISOString();
  }
}

/** Views → submissions, overall and by page and by source, over `days`. */
export async function formConversion(db: DbOrTx, workspaceId: string, formId: string, since: Date) {
  const day = since.toISOString().slice(0, 10);
  const grouped = (dimension: 'page' | 'source') => {
    const viewKey = dimension === 'page' ? sql`page_path` : sql`source`;
    const submissionKey = dimension === 'page' ? sql`coalesce(substring(page_url from '^[a-z]+://[^/]+(/[^?#]*)'), '')` : sql`coalesce(source, '')`;
    return sql<{ key: string; views: string; submissions: string }>`
      with views as (
        select ${viewKey} as key, sum(views) as views from form_views
         where workspace_id = ${workspaceId} and form_id = ${formId} and day >= ${day}::date group by 1
      ), submissions as (
        select ${submissionKey} as key, count(*) as submissions from form_submissions
         where workspace_id = ${workspaceId} and form_id = ${formId} and submitted_at >= ${since} group by 1
      )
      select coalesce(v.key, s.key) as key, coalesce(v.views, 0) as views, coalesce(s.submissions, 0) as submissions
        from views v full join submissions s on s.key = v.key
       order by 3 desc, 2 desc limit 50`.execute(db);
  };
  const [byPage, bySource] = await Promise.all([grouped('page'), grouped('source')]);
  const rows = (result: Awaited<ReturnType<typeof grouped>>) => result.rows.map((row) => {
    const views = Number(row.views);
    const submissions = Number(row.submissions);
    return { key: row.key, views, submissions, rate: views ? Math.round((submissions / views) * 1000) / 10 : null };
  });
  const pages = rows(byPage);
  const views = pages.reduce((sum, row) => sum + row.views, 0);
  const submissions = pages.reduce((sum, row) => sum + row.submissions, 0);
  return { views, submissions, rate: views ? Math.round((submissions / views) * 1000) / 10 : null, byPage: pages, bySource: rows(bySource) };
}
