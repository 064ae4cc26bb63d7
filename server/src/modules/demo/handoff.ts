import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { type AuditActor, addMember, createUser } from '../accounts/index.js';
import { approveDefinition, createDraft, createTeam } from '../lifecycle/index.js';
import { createRule } from '../scoring/index.js';

const nordics = { type: 'field', field: 'country', operator: 'in', value: ['Finland', 'Sweden', 'Norway', 'Denmark'] };

/**
 * The hand-off as a team would set it up: scoring rules, a sales team of two, and a lead
 * definition a marketer and a sales lead have approved. The two colleagues are demo people
 * with passwords nobody knows; the rescore the rules start (in the background) qualifies the
 * demo's most engaged contacts, so the queue and the reports have leads in them.
 */
export async function seedDemoHandoff(db: Db, clock: Clock, workspaceId: string, actor: AuditActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const colleague = async (name: string, role: 'marketer' | 'sales') => {
      const user = await createUser(trx, { email: `${name.toLowerCase().replace(/\W+/g, '.')}.${workspaceId.slice(0, 8)}@demo.example`, name, password: randomBytes(24).toString('base64url') });
      await addMember(trx, clock, { workspaceId, userId: user.id, role, actor });
      return { userId: user.id, role, label: name };
    };
    const marketer = await colleague('Maija Markkinoija', 'marketer');
    const salesLead = await colleague('Sami Myyjä', 'sales');
    const rep = await colleague('Sofia Sales', 'sales');

    const rules = [
      { kind: 'fit', name: 'Decision maker', points: 25, condition: { type: 'field', field: 'seniority', operator: 'in', value: ['executive', 'director'] } },
      { kind: 'fit', name: 'Company of 200 or more', points: 20, condition: { type: 'field', field: 'company.employeeCount', operator: 'gte', value: 200 } },
      { kind: 'fit', name: 'Nordic territory', points: 15, condition: nordics },
      { kind: 'engagement', name: 'Pricing page', points: 10, cap: { points: 30, period: 'day' }, condition: { type: 'event', event: { kind: 'page', path: '/pricing' } } },
      { kind: 'engagement', name: 'Demo page', points: 20, condition: { type: 'event', event: { kind: 'page', path: '/demo' } } },
      { kind: 'engagement', name: 'Form submitted', points: 30, condition: { type: 'form' } },
      { kind: 'engagement', name: 'Any page view', points: 1, cap: { points: 10, period: 'week' }, condition: { type: 'event', event: { kind: 'any' } } },
    ] as const;
    for (const rule of rules) await createRule(trx, clock, workspaceId, actor, rule as never);

    const team = await createTeam(trx, clock, workspaceId, {
      name: 'Nordics', leadUserId: salesLead.userId, members: [{ userId: salesLead.userId, capacity: 40 }, { userId: rep.userId, capacity: 40 }],
    });
    const draft = await createDraft(trx, clock, workspaceId, { type: 'user', id: marketer.userId, label: marketer.label }, {
      criteria: { fitMin: 30, engagementMin: 40, conditions: null }, slaHours: 48,
      routing: { accountOwnerFirst: true, rules: [{ name: 'Nordic countries', condition: nordics, teamId: team.id }], fallbackTeamId: team.id },
      notes: 'Agreed in the pipeline review: decision makers at companies that fit, who have shown buying intent.',
    });
    await approveDefinition(trx, clock, workspaceId, marketer, draft.id);
    await approveDefinition(trx, clock, workspaceId, salesLead, draft.id);
  });
}
