import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { contactSearchText } from './contacts.js';

export interface SearchHit {
  type: 'contact' | 'company' | 'deal';
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

const companySearchText = sql<string>`(name || ' ' || coalesce(domain, ''))`;

// Below this word similarity a nearest neighbour is noise, not a match.
const minimumScore = 0.3;
// A word this close to a known name is taken as a typo of it.
const typoSimilarity = 0.35;

/**
 * Replaces each word of the query that is not a known name with the nearest known one
 * (`search_words`, kept by triggers), when it is close enough: "korhnen" → "korhonen". A
 * nearest-neighbour search over the records themselves would have to look at every row that is
 * about as far from a typo as the right answer is; over the distinct words it looks at a few.
 */
async function correctSpelling(db: Db, workspaceId: string, query: string): Promise<string> {
  const words = query.split(/\s+/).filter(Boolean);
  const corrected = await Promise.all(words.map(async (word) => {
    if (word.length < 4 || !/^[\p{L}-]+$/u.test(word)) return word;
    const nearest = await sql<{ word: string; similarity: number }>`
      select word, similarity(word, ${word}) as similarity from search_words
       where workspace_id = ${workspaceId}
       order by word <-> ${word} limit 1`.execute(db);
    const best = nearest.rows[0];
    return best && (best.word === word || Number(best.similarity) >= typoSimilarity) ? best.word : word;
  }));
  return corrected.join(' ');
}

/**
 * Ranked search over contacts and companies. Each side asks its (workspace_id, text
 * gist_trgm_ops) index for the nearest rows by trigram word distance (KNN), so the cost does
 * not grow with how many rows match; typos are forgiven by the same measure. An exact email
 * or domain ranks first.
 */
export async function searchRecords(db: Db, workspaceId: string, query: string, limit: number): Promise<SearchHit[]> {
  const q = await correctSpelling(db, workspaceId, query.trim().toLowerCase());
  const contactTitle = sql<string>`coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), email, phone)`;
  const { rows } = await sql<SearchHit>`
    select * from (
      (select 'contact' as type, id, ${contactTitle} as title, email as subtitle, 2.0 as score
         from contacts where workspace_id = ${workspaceId} and email = ${q})
      union all
      (select 'company', id, name, domain, 2.0 from companies where workspace_id = ${workspaceId} and domain = ${q})
      union all
      (select 'contact', id, ${contactTitle}, email, 1 - (${q} <<-> ${contactSearchText})
         from contacts where workspace_id = ${workspaceId}
        order by ${q} <<-> ${contactSearchText} limit ${limit})
      union all
      (select 'company', id, name, domain, 1 - (${q} <<-> ${companySearchText})
         from companies where workspace_id = ${workspaceId}
        order by ${q} <<-> ${companySearchText} limit ${limit})
    ) as hits
    where score >= ${minimumScore}
    order by score desc, title
    limit ${limit * 2}`.execute(db);
  // An exact hit also comes back as its own nearest neighbour: keep its best score once.
  const seen = new Set<string>();
  return rows
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, limit)
    .map((row) => ({ ...row, score: Number(row.score) }));
}
