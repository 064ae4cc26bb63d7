import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { activeFormIds } from '../forms/index.js';
import { checkVariants, type Variant } from './definition.js';

export type PageStatus = 'draft' | 'published' | 'archived';

export interface LandingPage {
  id: string;
  workspaceId: string;
  name: string;
  slug: string;
  status: PageStatus;
  title: string;
  description: string;
  variants: Variant[];
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PageInput {
  name: string;
  slug: string;
  title: string;
  description?: string;
  variants: Variant[];
  status?: PageStatus;
}

const columns = ['workspace_id', 'id', 'name', 'slug', 'status', 'title', 'description', 'variants', 'published_at', 'created_at', 'updated_at'] as const;
type PageRow = {
  workspace_id: string; id: string; name: string; slug: string; status: PageStatus; title: string; description: string; variants: unknown;
  published_at: Date | null; created_at: Date; updated_at: Date;
};

function toPage(row: PageRow): LandingPage {
  return {
    id: row.id, workspaceId: row.workspace_id, name: row.name, slug: row.slug, status: row.status, title: row.title, description: row.description,
    variants: row.variants as Variant[], publishedAt: row.published_at, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function listPages(db: DbOrTx, workspaceId: string): Promise<LandingPage[]> {
  const rows = await db.selectFrom('landing_pages').select(columns).where('workspace_id', '=', workspaceId).orderBy('status').orderBy('updated_at', 'desc').execute();
  return rows.map((row) => toPage(row as PageRow));
}

export async function getPage(db: DbOrTx, workspaceId: string, id: string): Promise<LandingPage> {
  const row = await db.selectFrom('landing_pages').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Landing page');
  return toPage(row as PageRow);
}

/** A published page by its public address. */
export async function publishedPage(db: DbOrTx, slug: string): Promise<LandingPage | null> {
  const row = await db.selectFrom('landing_pages').select(columns).where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
  return row ? toPage(row as PageRow) : null;
}

async function checked(db: DbOrTx, workspaceId: string, input: PageInput) {
  const slug = input.slug.trim().toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw badRequest('a slug is lower-case letters, digits and single hyphens, like spring-webinar', 'slug');
  return {
    name: input.name.trim(), slug, title: input.title.trim(), description: (input.description ?? '').trim(),
    variants: JSON.stringify(checkVariants(input.variants, await activeFormIds(db, workspaceId))),
  };
}

function isSlugTaken(error: unknown): boolean {
  return (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'landing_pages_slug';
}

const slugTaken = (slug: string) => conflict(`/p/${slug} is taken; choose another slug`, 'slug');

export async function createPage(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: PageInput): Promise<LandingPage> {
  const values = await checked(db, workspaceId, input);
  const now = clock.now();
  const status = input.status ?? 'draft';
  const row = await db.insertInto('landing_pages')
    .values({ workspace_id: workspaceId, ...values, status, published_at: status === 'published' ? now : null, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow()
    .catch((error: unknown) => { throw isSlugTaken(error) ? slugTaken(values.slug) : error; });
  await recordAudit(db, clock, { workspaceId, actor, action: 'landing_page.created', target: { type: 'landing_page', id: row.id } });
  return getPage(db, workspaceId, row.id);
}

export async function updatePage(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: Partial<PageInput>): Promise<LandingPage> {
  const current = await getPage(db, workspaceId, id);
  const status = input.status ?? current.status;
  // Taking a page down never waits on its content being valid (its form may since have been archived).
  const takenDown = status !== 'published' && Object.keys(input).every((key) => key === 'status');
  const values = takenDown ? {} : await checked(db, workspaceId, { ...current, ...input });
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('landing_pages')
      .set({ ...values, status, published_at: status === 'published' && current.status !== 'published' ? now : current.publishedAt, updated_at: now })
      .where('workspace_id', '=', workspaceId).where('id', '=', id).execute()
      .catch((error: unknown) => { throw isSlugTaken(error) && 'slug' in values ? slugTaken(String(values.slug)) : error; });
    // A removed variant's counts go with it: a later variant given the same letter starts from nothing.
    const kept = (input.variants ?? current.variants).map((variant) => variant.key);
    await trx.deleteFrom('landing_page_stats').where('workspace_id', '=', workspaceId).where('page_id', '=', id).where('variant', 'not in', kept).execute();
    if (status !== current.status) {
      await recordAudit(trx, clock, { workspaceId, actor, action: `landing_page.${status}`, target: { type: 'landing_page', id } });
    }
  });
  return getPage(db, workspaceId, id);
}
