import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import type { StageKind } from './tables.js';

export interface Stage {
  id: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
}

export interface Pipeline {
  id: string;
  name: string;
  position: number;
  stages: Stage[];
}

export interface StageInput {
  name: string;
  probability: number;
  kind?: StageKind;
}

/** The pipeline a new workspace starts with; teams rename and reorder it to their process. */
const defaultStages: StageInput[] = [
  { name: 'Qualification', probability: 10 },
  { name: 'Needs analysis', probability: 25 },
  { name: 'Proposal', probability: 50 },
  { name: 'Negotiation', probability: 75 },
  { name: 'Closed won', probability: 100, kind: 'won' },
  { name: 'Closed lost', probability: 0, kind: 'lost' },
];

export async function createPipeline(db: DbOrTx, clock: Clock, workspaceId: string, input: { name: string; stages: StageInput[]; position?: number }): Promise<Pipeline> {
  if (!input.stages.some((s) => (s.kind ?? 'open') === 'open')) throw badRequest('a pipeline needs at least one open stage', 'stages');
  if (!input.stages.some((s) => s.kind === 'won')) throw badRequest('a pipeline needs a won stage', 'stages');
  if (!input.stages.some((s) => s.kind === 'lost')) throw badRequest('a pipeline needs a lost stage', 'stages');
  const pipeline = await db.insertInto('pipelines')
    .values({ workspace_id: workspaceId, name: input.name.trim(), position: input.position ?? 0, created_at: clock.now() })
    .returning(['id', 'name', 'position']).executeTakeFirstOrThrow();
  const stages = await db.insertInto('pipeline_stages')
    .values(input.stages.map((stage, position) => ({
      workspace_id: workspaceId, pipeline_id: pipeline.id, name: stage.name.trim(), position,
      probability: stage.probability, kind: stage.kind ?? 'open',
    })))
    .returning(['id', 'name', 'position', 'probability', 'kind']).execute();
  return { ...pipeline, stages };
}

/** Every pipeline with its stages in order; a workspace without one gets the default. */
export async function listPipelines(db: DbOrTx, clock: Clock, workspaceId: string): Promise<Pipeline[]> {
  const pipelines = await db.selectFrom('pipelines').select(['id', 'name', 'position'])
    .where('workspace_id', '=', workspaceId).where('archived_at', 'is', null)
    .orderBy('position').orderBy('created_at').execute();
  if (!pipelines.length) return [await createPipeline(db, clock, workspaceId, { name: 'Sales pipeline', stages: defaultStages })];
  const stages = await db.selectFrom('pipeline_stages').select(['id', 'pipeline_id', 'name', 'position', 'probability', 'kind'])
    .where('workspace_id', '=', workspaceId).where('pipeline_id', 'in', pipelines.map((p) => p.id))
    .orderBy('position').execute();
  return pipelines.map((pipeline) => ({
    ...pipeline,
    stages: stages.filter((s) => s.pipeline_id === pipeline.id).map(({ pipeline_id: _, ...stage }) => stage),
  }));
}

export async function getStage(db: DbOrTx, workspaceId: string, stageId: string) {
  const stage = await db.selectFrom('pipeline_stages').selectAll()
    .where('workspace_id', '=', workspaceId).where('id', '=', stageId).executeTakeFirst();
  if (!stage) throw notFound('Stage');
  return stage;
}
