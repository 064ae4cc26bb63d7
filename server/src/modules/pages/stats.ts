import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { chiSquarePValue } from '../../platform/significance.js';
import type { LandingPage } from './pages.js';

/** Adds to a variant's counts for the day (one upsert: views, new visitors, conversions). */
export async function countPage(db: DbOrTx, page: Pick<LandingPage, 'workspaceId' | 'id'>, variant: string, now: Date, counts: { views?: number; visitors?: number; conversions?: number }) {
  const { views = 0, visitors = 0, conversions = 0 } = counts;
  await sql`
    insert into landing_page_stats (workspace_id, page_id, variant, day, views, visitors, conversions)
    values (${page.workspaceId}, ${page.id}, ${variant}, ${now.toISOString().slice(0, 10)}::date, ${views}, ${visitors}, ${conversions})
    on conflict (workspace_id, page_id, variant, day) do update set
      views = landing_page_stats.views + excluded.views,
      visitors = landing_page_stats.visitors + excluded.visitors,
      conversions = landing_page_stats.conversions + excluded.conversions`.execute(db);
}

/** Conversions per visitor, in percent with two decimals; null without visitors. */
export const conversionRate = (conversions: number, visitors: number) => (visitors ? Math.round((conversions / visitors) * 10_000) / 100 : null);

/**
 * Each variant's views, visitors and conversions since `since`, its conversion rate (per
 * visitor) and, for every variant but the control (the first), the chi-square p-value of its
 * difference from the control and the relative lift; `pValue` tests all variants together.
 */
export async function pageResults(db: DbOrTx, page: LandingPage, since: Date) {
  const rows = await db.selectFrom('landing_page_stats')
    .select(['variant', sql<string>`sum(views)`.as('views'), sql<string>`sum(visitors)`.as('visitors'), sql<string>`sum(conversions)`.as('conversions')])
    .where('workspace_id', '=', page.workspaceId).where('page_id', '=', page.id).where('day', '>=', since.toISOString().slice(0, 10))
    .groupBy('variant').execute();
  const byKey = new Map(rows.map((row) => [row.variant, { views: Number(row.views), visitors: Number(row.visitors), conversions: Number(row.conversions) }]));
  const counted = page.variants.map((variant) => ({ key: variant.key, name: variant.name, weight: variant.weight, ...(byKey.get(variant.key) ?? { views: 0, visitors: 0, conversions: 0 }) }));
  const table = (list: typeof counted) => list.map(({ visitors, conversions }): [number, number] => [conversions, Math.max(visitors - conversions, 0)]);
  const control = counted[0]!;
  const controlRate = conversionRate(control.conversions, control.visitors);
  const variants = counted.map((variant, index) => {
    const variantRate = conversionRate(variant.conversions, variant.visitors);
    return {
      ...variant, rate: variantRate,
      pValue: index === 0 ? null : chiSquarePValue(table([control, variant])),
      lift: index === 0 || variantRate === null || !controlRate ? null : Math.round(((variantRate - controlRate) / controlRate) * 1000) / 10,
    };
  });
  const total = (key: 'views' | 'visitors' | 'conversions') => counted.reduce((sum, variant) => sum + variant[key], 0);
  return {
    views: total('views'), visitors: total('visitors'), conversions: total('conversions'), rate: conversionRate(total('conversions'), total('visitors')),
    pValue: chiSquarePValue(table(counted)), variants,
  };
}

/** Views, visitors and conversions per page for the list (all time). */
export async function pageTotals(db: DbOrTx, workspaceId: string) {
  const rows = await db.selectFrom('landing_page_stats')
    .select(['page_id', sql<string>`sum(views)`.as('views'), sql<string>`sum(visitors)`.as('visitors'), sql<string>`sum(conversions)`.as('conversions')])
    .where('workspace_id', '=', workspaceId).groupBy('page_id').execute();
  return new Map(rows.map((row) => [row.page_id, { views: Number(row.views), visitors: Number(row.visitors), conversions: Number(row.conversions) }]));
}
