import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { type Condition, contactPredicates, describeConditions } from '../segments/index.js';

/** Where conditions are evaluated: the batch's transaction, its workspace and its moment (virtual in a simulation). */
export interface ConditionScope {
  db: DbOrTx;
  workspaceId: string;
  now: Date;
}

/** Contacts (of `ids`) for whom each condition holds now, one query for all the conditions. */
export async function matching(scope: ConditionScope, ids: string[], conditions: Condition[]): Promise<Set<string>[]> {
  if (!conditions.length) return [];
  const predicates = await contactPredicates(scope.db, scope.workspaceId, scope.now, conditions, ids);
  const { rows } = await sql<{ id: string; hits: boolean[] }>`
    select c.id, array[${sql.join(predicates)}]::boolean[] as hits
      from contacts c where c.workspace_id = ${scope.workspaceId} and c.id = any(${ids}::uuid[])`.execute(scope.db);
  return conditions.map((_, index) => new Set(rows.filter((row) => row.hits[index]).map((row) => row.id)));
}

/** A condition as the trace says it ("Engagement score is at least 30"). */
export async function sentence(scope: ConditionScope, condition: Condition): Promise<string> {
  const [text] = await describeConditions(scope.db, scope.workspaceId, [condition]);
  return text ?? 'the condition';
}
