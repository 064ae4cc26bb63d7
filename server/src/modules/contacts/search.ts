import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { escapeLike } from './companies.js';
import { contactSearchText } from './contacts.js';

export interface SearchHit {
  type: 'contact' | 'company';
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

const wordSimilarityThreshold = 0.4;

const companySearchText = sql<string>`(name || ' ' || coalesce(domain, ''))`;

/**
 * Ranked search over contacts and companies. A row matches when the text contains the query
 * or is close to it (trigram word similarity, which forgives typos); both are answered by the
 * (workspace_id, text gin_trgm_ops) indexes. Exact email/domain hits rank first.
 */
export async function searchRecords(db: Db, workspaceId: string, query: string, limit: number): Promise<SearchHit[]> {
  const q = query.trim().toLowerCase();
  const like = `%${escapeLike(q)}%`;
  const contacts = db.selectFrom('contacts')
    .select([
      sql<string>`'contact'`.as('type'), 'id',
      sql<string>`coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), email, phone)`.as('title'),
      'email as subtitle',
      sql<number>`case when email = ${q} then 2 else word_similarity(${q}, lower(${contactSearchText})) end`.as('score'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`(${contactSearchText} ilike ${like} or ${q} <% ${contactSearchText})`)
    .orderBy('score', 'desc').limit(limit);
  const companies = db.selectFrom('companies')
    .select([
      sql<string>`'company'`.as('type'), 'id', 'name as title', 'domain as subtitle',
      sql<number>`case when domain = ${q} then 2 else word_similarity(${q}, lower(${companySearchText})) end`.as('score'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`(${companySearchText} ilike ${like} or ${q} <% ${companySearchText})`)
    .orderBy('score', 'desc').limit(limit);
  const rows = await db.transaction().execute(async (trx) => {
    // Below the default 0.6, a one-letter typo in a surname still matches.
    await sql`set local pg_trgm.word_similarity_threshold = ${sql.lit(wordSimilarityThreshold)}`.execute(trx);
    return sql<SearchHit>`(${contacts}) union all (${companies}) order by score desc, title limit ${limit}`.execute(trx);
  });
  return rows.rows.map((row) => ({ ...row, score: Number(row.score) }));
}
