import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { isMember } from '../accounts/index.js';

export interface TeamMemberInput {
  userId: string;
  capacity?: number;
  away?: boolean;
}

export interface TeamInput {
  name: string;
  leadUserId?: string | null;
  members?: TeamMemberInput[];
}

export async function listTeams(db: DbOrTx, workspaceId: string) {
  const [teams, members, open] = await Promise.all([
    db.selectFrom('sales_teams').select(['id', 'name', 'lead_user_id', 'created_at']).where('workspace_id', '=', workspaceId).orderBy('name').execute(),
    db.selectFrom('sales_team_members').innerJoin('users', 'users.id', 'sales_team_members.user_id')
      .select(['team_id', 'user_id', 'users.name', 'users.email', 'capacity', 'away', 'last_assigned_at'])
      .where('sales_team_members.workspace_id', '=', workspaceId).orderBy('users.name').execute(),
    db.selectFrom('leads').select(['owner_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where('workspace_id', '=', workspaceId).where('status', 'in', ['new', 'working']).groupBy('owner_id').execute(),
  ]);
  const openOf = new Map(open.map((row) => [row.owner_id, Number(row.count)]));
  return teams.map((team) => ({
    id: team.id, name: team.name, leadUserId: team.lead_user_id, createdAt: team.created_at,
    members: members.filter((member) => member.team_id === team.id).map((member) => ({
      userId: member.user_id, name: member.name, email: member.email, capacity: member.capacity, away: member.away,
      openLeads: openOf.get(member.user_id) ?? 0, lastAssignedAt: member.last_assigned_at,
    })),
  }));
}

async function checkPeople(db: DbOrTx, workspaceId: string, input: TeamInput) {
  if (input.leadUserId && !(await isMember(db, workspaceId, input.leadUserId))) throw badRequest('leadUserId is not a member of this workspace', 'leadUserId');
  for (const [index, member] of (input.members ?? []).entries()) {
    if (!(await isMember(db, workspaceId, member.userId))) throw badRequest('not a member of this workspace', `members[${index}].userId`);
  }
}

async function replaceMembers(db: DbOrTx, workspaceId: string, teamId: string, members: TeamMemberInput[]) {
  const before = await db.selectFrom('sales_team_members').select(['user_id', 'last_assigned_at'])
    .where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).execute();
  const lastAssigned = new Map(before.map((row) => [row.user_id, row.last_assigned_at]));
  await db.deleteFrom('sales_team_members').where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).execute();
  if (!members.length) return;
  // The round-robin position survives an edit of the team.
  await db.insertInto('sales_team_members').values(members.map((member) => ({
    workspace_id: workspaceId, team_id: teamId, user_id: member.userId, capacity: member.capacity ?? 50, away: member.away ?? false,
    last_assigned_at: lastAssigned.get(member.userId) ?? null,
  }))).execute();
}

export async function createTeam(db: DbOrTx, clock: Clock, workspaceId: string, input: TeamInput) {
  await checkPeople(db, workspaceId, input);
  const row = await db.insertInto('sales_teams').values({ workspace_id: workspaceId, name: input.name.trim(), lead_user_id: input.leadUserId ?? null, created_at: clock.now() })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!row) throw conflict(`a team named "${input.name.trim()}" exists`, 'name');
  await replaceMembers(db, workspaceId, row.id, input.members ?? []);
  return (await listTeams(db, workspaceId)).find((team) => team.id === row.id)!;
}

export async function updateTeam(db: DbOrTx, workspaceId: string, id: string, input: Partial<TeamInput>) {
  const team = await db.selectFrom('sales_teams').select(['id', 'name', 'lead_user_id']).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!team) throw notFound('team');
  await checkPeople(db, workspaceId, { name: input.name ?? team.name, leadUserId: input.leadUserId, members: input.members });
  await db.updateTable('sales_teams').set({
    name: input.name?.trim() ?? team.name, lead_user_id: input.leadUserId === undefined ? team.lead_user_id : input.leadUserId,
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  if (input.members) await replaceMembers(db, workspaceId, id, input.members);
  return (await listTeams(db, workspaceId)).find((row) => row.id === id)!;
}

export async function teamExists(db: DbOrTx, workspaceId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('sales_teams').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst());
}
