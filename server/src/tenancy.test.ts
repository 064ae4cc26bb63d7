import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededWorkspace, type TestDatabase, type TestServer, seedWorkspace, signIn, startTestServer, testDatabase } from './test/harness.js';

/**
 * Workspace A's admin, with a session or a secret key, aims every API route at workspace B's
 * records. Nothing of B may come back and nothing of B may change. A new route fails this
 * test until it is given a sample request below, so no route escapes the check.
 */
const MJML = '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>';

const sampleRequests: Record<string, (b: BRecords) => { path: string; body?: unknown }> = {
  'GET /api/v1/setup': () => ({ path: '/api/v1/setup' }),
  'POST /api/v1/setup': () => ({ path: '/api/v1/setup', body: { email: 'x@x.test', name: 'x', password: 'long enough password' } }),
  'POST /api/v1/auth/login': (b) => ({ path: '/api/v1/auth/login', body: { email: b.adminEmail, password: 'wrong password!' } }),
  'POST /api/v1/auth/logout': () => ({ path: '/api/v1/auth/logout' }),
  'GET /api/v1/me': () => ({ path: '/api/v1/me' }),
  'POST /api/v1/me/workspace': (b) => ({ path: '/api/v1/me/workspace', body: { workspaceId: b.workspaceId } }),
  'POST /api/v1/workspaces': () => ({ path: '/api/v1/workspaces', body: { name: 'A2' } }),
  'GET /api/v1/invitations/accept/:token': (b) => ({ path: `/api/v1/invitations/accept/${b.inviteToken}x` }),
  'POST /api/v1/invitations/accept/:token': (b) => ({ path: `/api/v1/invitations/accept/${b.inviteToken}x`, body: { password: 'long enough password' } }),
  'GET /api/v1/workspace': () => ({ path: '/api/v1/workspace' }),
  'GET /api/v1/members': () => ({ path: '/api/v1/members' }),
  'PATCH /api/v1/members/:userId': (b) => ({ path: `/api/v1/members/${b.viewerId}`, body: { role: 'admin' } }),
  'DELETE /api/v1/members/:userId': (b) => ({ path: `/api/v1/members/${b.viewerId}` }),
  'GET /api/v1/invitations': () => ({ path: '/api/v1/invitations' }),
  'POST /api/v1/invitations': () => ({ path: '/api/v1/invitations', body: { email: 'someone@elsewhere.test', role: 'admin' } }),
  'DELETE /api/v1/invitations/:id': (b) => ({ path: `/api/v1/invitations/${b.invitationId}` }),
  'GET /api/v1/api-keys': () => ({ path: '/api/v1/api-keys' }),
  'POST /api/v1/api-keys': () => ({ path: '/api/v1/api-keys', body: { name: 'k', kind: 'secret' } }),
  'DELETE /api/v1/api-keys/:id': (b) => ({ path: `/api/v1/api-keys/${b.keyId}` }),
  'GET /api/v1/audit-log': () => ({ path: '/api/v1/audit-log' }),
  'GET /api/v1/custom-fields': () => ({ path: '/api/v1/custom-fields' }),
  'POST /api/v1/custom-fields': () => ({ path: '/api/v1/custom-fields', body: { objectType: 'contact', key: 'tier', label: 'Tier', type: 'text' } }),
  'PATCH /api/v1/custom-fields/:id': (b) => ({ path: `/api/v1/custom-fields/${b.customFieldId}`, body: { label: 'Hijacked' } }),
  'GET /api/v1/contacts': (b) => ({ path: `/api/v1/contacts?email=${b.contactEmail}` }),
  'POST /api/v1/contacts': (b) => ({ path: '/api/v1/contacts', body: { email: b.contactEmail, companyId: b.companyId } }),
  'GET /api/v1/contacts/:id': (b) => ({ path: `/api/v1/contacts/${b.contactId}` }),
  'PATCH /api/v1/contacts/:id': (b) => ({ path: `/api/v1/contacts/${b.contactId}`, body: { firstName: 'Hijacked' } }),
  'GET /api/v1/events': (b) => ({ path: `/api/v1/events?contactId=${b.contactId}` }),
  'GET /api/v1/events/:id': (b) => ({ path: `/api/v1/events/${b.eventId}` }),
  'GET /api/v1/contacts/:id/tracking': (b) => ({ path: `/api/v1/contacts/${b.contactId}/tracking` }),
  'GET /api/v1/tracking/settings': () => ({ path: '/api/v1/tracking/settings' }),
  'POST /api/v1/tracking/write-keys': () => ({ path: '/api/v1/tracking/write-keys', body: { name: 'Site' } }),
  'PUT /api/v1/tracking/settings': () => ({ path: '/api/v1/tracking/settings', body: { retentionDays: 1, ownDomains: ['hijack.example'] } }),
  'DELETE /api/v1/contacts/:id': (b) => ({ path: `/api/v1/contacts/${b.contactId}` }),
  'GET /api/v1/contacts/:id/timeline': (b) => ({ path: `/api/v1/contacts/${b.contactId}/timeline` }),
  'GET /api/v1/companies': (b) => ({ path: `/api/v1/companies?domain=${b.companyDomain}` }),
  'POST /api/v1/companies': (b) => ({ path: '/api/v1/companies', body: { name: 'Copy', domain: b.companyDomain } }),
  'GET /api/v1/companies/:id': (b) => ({ path: `/api/v1/companies/${b.companyId}` }),
  'PATCH /api/v1/companies/:id': (b) => ({ path: `/api/v1/companies/${b.companyId}`, body: { name: 'Hijacked' } }),
  'DELETE /api/v1/companies/:id': (b) => ({ path: `/api/v1/companies/${b.companyId}` }),
  'GET /api/v1/companies/:id/timeline': (b) => ({ path: `/api/v1/companies/${b.companyId}/timeline` }),
  'GET /api/v1/search': () => ({ path: '/api/v1/search?q=Secretperson' }),
  'GET /api/v1/contacts/duplicates': () => ({ path: '/api/v1/contacts/duplicates' }),
  'POST /api/v1/contacts/merge': (b) => ({ path: '/api/v1/contacts/merge', body: { primaryId: b.contactId, duplicateId: b.contactId2 } }),
  'GET /api/v1/companies/duplicates': () => ({ path: '/api/v1/companies/duplicates' }),
  'POST /api/v1/companies/merge': (b) => ({ path: '/api/v1/companies/merge', body: { primaryId: b.companyId, duplicateId: b.companyId2 } }),
  'GET /api/v1/pipelines': () => ({ path: '/api/v1/pipelines' }),
  'POST /api/v1/contacts/bulk': (b) => ({ path: '/api/v1/contacts/bulk', body: { ids: [b.contactId], action: 'addTags', tags: ['hijacked'] } }),
  'POST /api/v1/companies/bulk': (b) => ({ path: '/api/v1/companies/bulk', body: { ids: [b.companyId], action: 'delete' } }),
  'GET /api/v1/data-quality': () => ({ path: '/api/v1/data-quality?objectType=contact' }),
  'PUT /api/v1/data-quality/rules': () => ({ path: '/api/v1/data-quality/rules', body: { objectType: 'contact', requiredFields: ['phone'], completenessFields: ['email'] } }),
  'POST /api/v1/imports': () => ({ path: '/api/v1/imports?objectType=contact&fileName=x.csv', body: { csv: 'email' } }),
  'POST /api/v1/imports/:id/start': (b) => ({ path: `/api/v1/imports/${b.importId}/start`, body: { mapping: { email: 'email' }, onDuplicate: 'update' } }),
  'GET /api/v1/imports': () => ({ path: '/api/v1/imports' }),
  'GET /api/v1/imports/:id': (b) => ({ path: `/api/v1/imports/${b.importId}` }),
  'GET /api/v1/imports/:id/rejections': (b) => ({ path: `/api/v1/imports/${b.importId}/rejections` }),
  'GET /api/v1/contacts/export': () => ({ path: '/api/v1/contacts/export' }),
  'GET /api/v1/companies/export': () => ({ path: '/api/v1/companies/export' }),
  'POST /api/v1/pipelines': () => ({ path: '/api/v1/pipelines', body: { name: 'P', stages: [
    { name: 'a', probability: 10 }, { name: 'w', probability: 100, kind: 'won' }, { name: 'l', probability: 0, kind: 'lost' }] } }),
  'GET /api/v1/deals': (b) => ({ path: `/api/v1/deals?companyId=${b.companyId}` }),
  'POST /api/v1/deals': (b) => ({ path: '/api/v1/deals', body: { name: 'Steal', stageId: b.stageId } }),
  'GET /api/v1/deals/export': () => ({ path: '/api/v1/deals/export' }),
  'GET /api/v1/deals/:id': (b) => ({ path: `/api/v1/deals/${b.dealId}` }),
  'PATCH /api/v1/deals/:id': (b) => ({ path: `/api/v1/deals/${b.dealId}`, body: { name: 'Hijacked' } }),
  'DELETE /api/v1/deals/:id': (b) => ({ path: `/api/v1/deals/${b.dealId}` }),
  'GET /api/v1/deals/:id/timeline': (b) => ({ path: `/api/v1/deals/${b.dealId}/timeline` }),
  'PUT /api/v1/deals/:id/contacts/:contactId': (b) => ({ path: `/api/v1/deals/${b.dealId}/contacts/${b.contactId}`, body: { role: 'user' } }),
  'DELETE /api/v1/deals/:id/contacts/:contactId': (b) => ({ path: `/api/v1/deals/${b.dealId}/contacts/${b.contactId}` }),
  'GET /api/v1/activities': (b) => ({ path: `/api/v1/activities?contactId=${b.contactId}` }),
  'POST /api/v1/activities': (b) => ({ path: '/api/v1/activities', body: { kind: 'note', body: 'x', contactId: b.contactId } }),
  'DELETE /api/v1/activities/:id': (b) => ({ path: `/api/v1/activities/${b.activityId}` }),
  'GET /api/v1/tasks': (b) => ({ path: `/api/v1/tasks?contactId=${b.contactId}&status=all` }),
  'POST /api/v1/tasks': (b) => ({ path: '/api/v1/tasks', body: { title: 'x', dealId: b.dealId } }),
  'PATCH /api/v1/tasks/:id': (b) => ({ path: `/api/v1/tasks/${b.taskId}`, body: { done: true } }),
  'DELETE /api/v1/tasks/:id': (b) => ({ path: `/api/v1/tasks/${b.taskId}` }),
  'GET /api/v1/segments': () => ({ path: '/api/v1/segments' }),
  'POST /api/v1/segments': (b) => ({ path: '/api/v1/segments', body: { name: 'Copy', definition: { version: 1, match: { type: 'segment', segmentId: b.segmentId, operator: 'in' } } } }),
  'GET /api/v1/segments/catalog': () => ({ path: '/api/v1/segments/catalog' }),
  'POST /api/v1/segments/preview': (b) => ({ path: '/api/v1/segments/preview', body: { definition: { version: 1, match: { type: 'list', listId: b.listId, operator: 'in' } } } }),
  'GET /api/v1/segments/:id': (b) => ({ path: `/api/v1/segments/${b.segmentId}` }),
  'PATCH /api/v1/segments/:id': (b) => ({ path: `/api/v1/segments/${b.segmentId}`, body: { name: 'Hijacked' } }),
  'DELETE /api/v1/segments/:id': (b) => ({ path: `/api/v1/segments/${b.segmentId}` }),
  'GET /api/v1/segments/:id/members': (b) => ({ path: `/api/v1/segments/${b.segmentId}/members` }),
  'GET /api/v1/segments/:id/members.csv': (b) => ({ path: `/api/v1/segments/${b.segmentId}/members.csv` }),
  'GET /api/v1/segments/:id/history': (b) => ({ path: `/api/v1/segments/${b.segmentId}/history` }),
  'GET /api/v1/segments/:id/explain/:contactId': (b) => ({ path: `/api/v1/segments/${b.segmentId}/explain/${b.contactId}` }),
  'GET /api/v1/contacts/:id/segments': (b) => ({ path: `/api/v1/contacts/${b.contactId}/segments` }),
  'GET /api/v1/lists': () => ({ path: '/api/v1/lists' }),
  'POST /api/v1/lists': () => ({ path: '/api/v1/lists', body: { name: 'Mine' } }),
  'GET /api/v1/lists/:id': (b) => ({ path: `/api/v1/lists/${b.listId}` }),
  'PATCH /api/v1/lists/:id': (b) => ({ path: `/api/v1/lists/${b.listId}`, body: { name: 'Hijacked' } }),
  'DELETE /api/v1/lists/:id': (b) => ({ path: `/api/v1/lists/${b.listId}` }),
  'GET /api/v1/lists/:id/members': (b) => ({ path: `/api/v1/lists/${b.listId}/members` }),
  'GET /api/v1/lists/:id/members.csv': (b) => ({ path: `/api/v1/lists/${b.listId}/members.csv` }),
  'POST /api/v1/lists/:id/members': (b) => ({ path: `/api/v1/lists/${b.listId}/members`, body: { contactIds: [b.contactId2] } }),
  'POST /api/v1/lists/:id/members/remove': (b) => ({ path: `/api/v1/lists/${b.listId}/members/remove`, body: { contactIds: [b.contactId] } }),
  'POST /api/v1/lists/:id/members/from-definition': (b) => ({ path: `/api/v1/lists/${b.listId}/members/from-definition`, body: { definition: { version: 1, match: { type: 'and', conditions: [] } } } }),
  'POST /api/v1/lists/:id/members/import': (b) => ({ path: `/api/v1/lists/${b.listId}/members/import`, body: `email\n${b.contactEmail}` }),
  'GET /api/v1/scoring/rules': () => ({ path: '/api/v1/scoring/rules' }),
  'POST /api/v1/scoring/rules': (b) => ({ path: '/api/v1/scoring/rules', body: { kind: 'fit', name: 'Copy', points: 5, condition: { type: 'list', listId: b.listId, operator: 'in' } } }),
  'PATCH /api/v1/scoring/rules/:id': (b) => ({ path: `/api/v1/scoring/rules/${b.ruleId}`, body: { name: 'Hijacked' } }),
  'DELETE /api/v1/scoring/rules/:id': (b) => ({ path: `/api/v1/scoring/rules/${b.ruleId}` }),
  'POST /api/v1/scoring/rescore': () => ({ path: '/api/v1/scoring/rescore', body: { kind: 'fit' } }),
  'GET /api/v1/scoring/settings': () => ({ path: '/api/v1/scoring/settings' }),
  'PUT /api/v1/scoring/settings': () => ({ path: '/api/v1/scoring/settings', body: { halfLifeDays: 7, fitGrades: { A: 3, B: 2, C: 1 }, engagementLevels: { 1: 3, 2: 2, 3: 1 } } }),
  'GET /api/v1/contacts/:id/score': (b) => ({ path: `/api/v1/contacts/${b.contactId}/score` }),
  'GET /api/v1/companies/:id/score': (b) => ({ path: `/api/v1/companies/${b.companyId}/score` }),
  'GET /api/v1/lifecycle/settings': () => ({ path: '/api/v1/lifecycle/settings' }),
  'PUT /api/v1/lifecycle/settings': () => ({ path: '/api/v1/lifecycle/settings', body: { stages: [], rejectReasons: [] } }),
  'GET /api/v1/contacts/:id/lifecycle': (b) => ({ path: `/api/v1/contacts/${b.contactId}/lifecycle` }),
  'PUT /api/v1/contacts/:id/lifecycle-stage': (b) => ({ path: `/api/v1/contacts/${b.contactId}/lifecycle-stage`, body: { stage: 'customer' } }),
  'GET /api/v1/sales-teams': () => ({ path: '/api/v1/sales-teams' }),
  'POST /api/v1/sales-teams': (b) => ({ path: '/api/v1/sales-teams', body: { name: 'Copy', members: [{ userId: b.viewerId }] } }),
  'PATCH /api/v1/sales-teams/:id': (b) => ({ path: `/api/v1/sales-teams/${b.teamId}`, body: { name: 'Hijacked' } }),
  'GET /api/v1/lead-definitions': () => ({ path: '/api/v1/lead-definitions' }),
  'POST /api/v1/lead-definitions': (b) => ({ path: '/api/v1/lead-definitions', body: { criteria: { fitMin: 1, engagementMin: 1 }, routing: { fallbackTeamId: b.teamId } } }),
  'GET /api/v1/lead-definitions/:id': (b) => ({ path: `/api/v1/lead-definitions/${b.definitionId}` }),
  'PUT /api/v1/lead-definitions/:id': (b) => ({ path: `/api/v1/lead-definitions/${b.definitionId}`, body: { criteria: { fitMin: 0, engagementMin: 0 }, routing: {} } }),
  'POST /api/v1/lead-definitions/:id/approve': (b) => ({ path: `/api/v1/lead-definitions/${b.definitionId}/approve` }),
  'DELETE /api/v1/lead-definitions/:id': (b) => ({ path: `/api/v1/lead-definitions/${b.definitionId}` }),
  'GET /api/v1/lead-definitions/:id/backtest': (b) => ({ path: `/api/v1/lead-definitions/${b.definitionId}/backtest` }),
  'GET /api/v1/leads': (b) => ({ path: `/api/v1/leads?teamId=${b.teamId}` }),
  'GET /api/v1/leads/:id': (b) => ({ path: `/api/v1/leads/${b.leadId}` }),
  'GET /api/v1/leads/:id/summary': (b) => ({ path: `/api/v1/leads/${b.leadId}/summary` }),
  'POST /api/v1/leads/:id/accept': (b) => ({ path: `/api/v1/leads/${b.leadId}/accept` }),
  'POST /api/v1/leads/:id/reject': (b) => ({ path: `/api/v1/leads/${b.leadId}/reject`, body: { reason: 'no_budget' } }),
  'POST /api/v1/leads/:id/convert': (b) => ({ path: `/api/v1/leads/${b.leadId}/convert`, body: {} }),
  'GET /api/v1/notifications': () => ({ path: '/api/v1/notifications' }),
  'POST /api/v1/notifications/read': () => ({ path: '/api/v1/notifications/read', body: {} }),
  'GET /api/v1/reports/funnel': () => ({ path: '/api/v1/reports/funnel?groupBy=source' }),
  'GET /api/v1/reports/funnel/contacts': () => ({ path: '/api/v1/reports/funnel/contacts?stage=subscriber' }),
  'GET /api/v1/reports/sla': () => ({ path: '/api/v1/reports/sla' }),
  'GET /api/v1/reports/rejections': () => ({ path: '/api/v1/reports/rejections' }),
  'GET /api/v1/reports/lead-sources': () => ({ path: '/api/v1/reports/lead-sources' }),
  'GET /api/v1/reports/leads': (b) => ({ path: `/api/v1/reports/leads?teamId=${b.teamId}` }),
  'GET /api/v1/email/templates': () => ({ path: '/api/v1/email/templates' }),
  'POST /api/v1/email/templates': () => ({ path: '/api/v1/email/templates', body: { name: 'Copy', kind: 'transactional', subject: 'x', mjml: MJML } }),
  'GET /api/v1/email/templates/:id': (b) => ({ path: `/api/v1/email/templates/${b.templateId}` }),
  'PATCH /api/v1/email/templates/:id': (b) => ({ path: `/api/v1/email/templates/${b.templateId}`, body: { name: 'Hijacked' } }),
  'DELETE /api/v1/email/templates/:id': (b) => ({ path: `/api/v1/email/templates/${b.templateId}` }),
  'GET /api/v1/email/templates/:id/report': (b) => ({ path: `/api/v1/email/templates/${b.templateId}/report` }),
  'POST /api/v1/email/preview': (b) => ({ path: '/api/v1/email/preview', body: { subject: '{{ contact.firstName }}', mjml: MJML, contactId: b.contactId } }),
  'GET /api/v1/email/snippets': () => ({ path: '/api/v1/email/snippets' }),
  'PUT /api/v1/email/snippets/:key': () => ({ path: '/api/v1/email/snippets/secretsnippet', body: { name: 'Hijacked', content: '<mj-text>x</mj-text>' } }),
  'GET /api/v1/messages': (b) => ({ path: `/api/v1/messages?contactId=${b.contactId}` }),
  'POST /api/v1/messages': (b) => ({ path: '/api/v1/messages', body: { contactId: b.contactId, templateId: b.templateId } }),
  'GET /api/v1/broadcasts': () => ({ path: '/api/v1/broadcasts' }),
  'POST /api/v1/broadcasts': (b) => ({ path: '/api/v1/broadcasts', body: { name: 'Copy', templateId: b.templateId, audience: { kind: 'list', id: b.listId }, schedule: 'now' } }),
  'GET /api/v1/broadcasts/:id': (b) => ({ path: `/api/v1/broadcasts/${b.broadcastId}` }),
  'POST /api/v1/broadcasts/:id/cancel': (b) => ({ path: `/api/v1/broadcasts/${b.broadcastId}/cancel` }),
  'GET /api/v1/email/bounce-settings': () => ({ path: '/api/v1/email/bounce-settings' }),
  'GET /api/v1/sending-domains': () => ({ path: '/api/v1/sending-domains' }),
  'POST /api/v1/sending-domains': () => ({ path: '/api/v1/sending-domains', body: { domain: 'secretmail.beta.example', fromEmail: 'x@secretmail.beta.example' } }),
  'DELETE /api/v1/sending-domains/:id': (b) => ({ path: `/api/v1/sending-domains/${b.domainId}` }),
  'GET /api/v1/contacts/:id/export': (b) => ({ path: `/api/v1/contacts/${b.contactId}/export` }),
  'POST /api/v1/contacts/:id/erase': (b) => ({ path: `/api/v1/contacts/${b.contactId}/erase`, body: { confirm: b.contactEmail } }),
  'GET /api/v1/contacts/:id/consent': (b) => ({ path: `/api/v1/contacts/${b.contactId}/consent` }),
  'POST /api/v1/contacts/:id/consent': (b) => ({ path: `/api/v1/contacts/${b.contactId}/consent`, body: { purpose: 'marketing_email', status: 'withdrawn', source: 'api' } }),
  'GET /api/v1/suppressions': () => ({ path: '/api/v1/suppressions?search=secret' }),
  'POST /api/v1/suppressions': (b) => ({ path: '/api/v1/suppressions', body: { email: b.contactEmail } }),
  'DELETE /api/v1/suppressions/:email': (b) => ({ path: `/api/v1/suppressions/${b.suppressedEmail}` }),
  'GET /api/v1/subscription-topics': () => ({ path: '/api/v1/subscription-topics' }),
  'POST /api/v1/subscription-topics': () => ({ path: '/api/v1/subscription-topics', body: { key: 'secrettopic', name: 'Copy' } }),
  'PATCH /api/v1/subscription-topics/:id': (b) => ({ path: `/api/v1/subscription-topics/${b.topicId}`, body: { name: 'Hijacked' } }),
  'GET /api/v1/messaging/settings': () => ({ path: '/api/v1/messaging/settings' }),
  'PUT /api/v1/messaging/settings': () => ({ path: '/api/v1/messaging/settings', body: { marketingBasis: 'consent_or_legitimate_interest', doubleOptIn: false } }),
  'GET /api/v1/email/send-limits': () => ({ path: '/api/v1/email/send-limits' }),
  'PUT /api/v1/email/send-limits': () => ({ path: '/api/v1/email/send-limits', body: { quietHours: { start: 1, end: 2, timezone: 'UTC' }, frequencyCap: { count: 1, days: 1 } } }),
  'GET /api/v1/journeys': () => ({ path: '/api/v1/journeys' }),
  'POST /api/v1/journeys': () => ({ path: '/api/v1/journeys', body: { name: 'Copy' } }),
  'GET /api/v1/journeys/webhook-secret': () => ({ path: '/api/v1/journeys/webhook-secret' }),
  'GET /api/v1/journeys/:id': (b) => ({ path: `/api/v1/journeys/${b.journeyId}` }),
  'PATCH /api/v1/journeys/:id': (b) => ({ path: `/api/v1/journeys/${b.journeyId}`, body: { name: 'Hijacked' } }),
  'POST /api/v1/journeys/:id/validate': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/validate` }),
  'POST /api/v1/journeys/:id/launch': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/launch`, body: {} }),
  'POST /api/v1/journeys/:id/pause': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/pause` }),
  'POST /api/v1/journeys/:id/resume': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/resume` }),
  'POST /api/v1/journeys/:id/archive': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/archive` }),
  'GET /api/v1/journeys/:id/versions/:version': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/versions/1` }),
  'POST /api/v1/journeys/:id/enrolments': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/enrolments`, body: { contactIds: [b.contactId2] } }),
  'GET /api/v1/journeys/:id/enrolments': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/enrolments` }),
  'GET /api/v1/journeys/:id/enrolments/:enrolmentId/trace': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/enrolments/${b.enrolmentId}/trace` }),
  'GET /api/v1/journeys/:id/stats': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/stats` }),
  'POST /api/v1/journeys/:id/simulate': (b) => ({ path: `/api/v1/journeys/${b.journeyId}/simulate`, body: { contactIds: [b.contactId] } }),
  'GET /api/v1/contacts/:id/journeys': (b) => ({ path: `/api/v1/contacts/${b.contactId}/journeys` }),
  'GET /api/v1/forms': () => ({ path: '/api/v1/forms' }),
  'POST /api/v1/forms': () => ({ path: '/api/v1/forms', body: { name: 'Copy', fields: [{ key: 'email', label: 'Email', type: 'email', mapTo: 'email', required: true }], afterSubmit: { kind: 'message', message: 'x' } } }),
  'GET /api/v1/forms/:id': (b) => ({ path: `/api/v1/forms/${b.formId}` }),
  'PATCH /api/v1/forms/:id': (b) => ({ path: `/api/v1/forms/${b.formId}`, body: { name: 'Hijacked' } }),
  'GET /api/v1/forms/:id/submissions': (b) => ({ path: `/api/v1/forms/${b.formId}/submissions` }),
  'GET /api/v1/forms/:id/submissions.csv': (b) => ({ path: `/api/v1/forms/${b.formId}/submissions.csv` }),
  'GET /api/v1/forms/:id/conversion': (b) => ({ path: `/api/v1/forms/${b.formId}/conversion` }),
  'GET /api/v1/pages': () => ({ path: '/api/v1/pages' }),
  'POST /api/v1/pages': (b) => ({ path: '/api/v1/pages', body: { name: 'Copy', slug: 'copy-page', title: 'Copy', variants: [{ key: 'A', name: 'A', weight: 100, blocks: [{ type: 'form', formId: b.formId }] }] } }),
  'GET /api/v1/pages/:id': (b) => ({ path: `/api/v1/pages/${b.pageId}` }),
  'PATCH /api/v1/pages/:id': (b) => ({ path: `/api/v1/pages/${b.pageId}`, body: { status: 'draft', name: 'Hijacked' } }),
  'GET /api/v1/pages/:id/results': (b) => ({ path: `/api/v1/pages/${b.pageId}/results` }),
  'GET /api/v1/pages/:id/preview': (b) => ({ path: `/api/v1/pages/${b.pageId}/preview` }),
  'POST /api/v1/pages/preview': (b) => ({ path: '/api/v1/pages/preview', body: { title: 'x', variant: { key: 'A', name: 'A', weight: 100, blocks: [{ type: 'form', formId: b.formId }] } } }),
  'GET /api/v1/content-slots': () => ({ path: '/api/v1/content-slots' }),
  'POST /api/v1/content-slots': (b) => ({ path: '/api/v1/content-slots', body: { key: 'copy', name: 'Copy', rules: [{ segmentId: b.segmentId, content: 'x' }] } }),
  'GET /api/v1/content-slots/:id': (b) => ({ path: `/api/v1/content-slots/${b.slotId}` }),
  'PATCH /api/v1/content-slots/:id': (b) => ({ path: `/api/v1/content-slots/${b.slotId}`, body: { defaultContent: 'Hijacked' } }),
  'GET /api/v1/content-slots/:id/results': (b) => ({ path: `/api/v1/content-slots/${b.slotId}/results` }),
  'GET /api/v1/content-slots/:id/preview': (b) => ({ path: `/api/v1/content-slots/${b.slotId}/preview?contactId=${b.contactId}` }),
  'GET /api/v1/test/clock': () => ({ path: '/api/v1/test/clock' }),
  'POST /api/v1/test/clock': () => ({ path: '/api/v1/test/clock', body: { advanceMs: 1 } }),
};

interface BRecords {
  workspaceId: string;
  adminEmail: string;
  viewerId: string;
  keyId: string;
  invitationId: string;
  inviteToken: string;
  contactId: string;
  contactEmail: string;
  companyId: string;
  companyDomain: string;
  customFieldId: string;
  importId: string;
  contactId2: string;
  companyId2: string;
  dealId: string;
  stageId: string;
  activityId: string;
  taskId: string;
  eventId: number;
  journeyId: string;
  enrolmentId: string;
  formId: string;
  pageId: string;
  slotId: string;
  segmentId: string;
  listId: string;
  ruleId: string;
  teamId: string;
  definitionId: string;
  leadId: string;
  topicId: string;
  suppressedEmail: string;
  templateId: string;
  domainId: string;
  broadcastId: string;
}

let database: TestDatabase;
let server: TestServer;
let a: SeededWorkspace;
let b: SeededWorkspace;
let bRecords: BRecords;

beforeAll(async () => {
  database = await testDatabase();
  server = await startTestServer(database.ctx);
  a = await seedWorkspace(database.ctx, 'Alpha');
  b = await seedWorkspace(database.ctx, 'Beta');
  const bAdmin = await signIn(server, b.users.admin);
  const invite = await (await server.request('/api/v1/invitations', {
    body: { email: 'new@beta.test', role: 'sales' }, headers: { cookie: bAdmin },
  })).json();
  const keys = await (await server.request('/api/v1/api-keys', { headers: { cookie: bAdmin } })).json();
  const asB = (path: string, body: unknown) => server.request(path, { body, headers: { cookie: bAdmin } }).then((r) => r.json());
  const field = await asB('/api/v1/custom-fields', { objectType: 'contact', key: 'tier', label: 'Tier', type: 'text' });
  const contact = await asB('/api/v1/contacts', { email: 'secretperson@betacorp-example.fi', firstName: 'Secretperson', custom: { tier: 'gold' } });
  const upload = await fetch(`${server.url}/api/v1/imports?objectType=contact&fileName=secret.csv`, {
    method: 'POST', body: 'email\nsecretimport@betacorp-example.fi\n', headers: { cookie: bAdmin, 'content-type': 'text/csv' },
  }).then((r) => r.json());
  const contact2 = await asB('/api/v1/contacts', { email: 'secretperson+2@betacorp-example.fi', firstName: 'Secretperson' });
  const company2 = await asB('/api/v1/companies', { name: 'Betacorp Oy' });
  const deal = await asB('/api/v1/deals', { name: 'Secretdeal', amount: 1000, contacts: [{ contactId: contact.id, role: 'champion' }] });
  const activity = await asB('/api/v1/activities', { kind: 'call', subject: 'Secretcall', contactId: contact.id, dealId: deal.id });
  const task = await asB('/api/v1/tasks', { title: 'Secrettask', contactId: contact.id });
  const track = (path: string, body: unknown) => fetch(`${server.url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${b.writeKey}:`).toString('base64')}` }, body: JSON.stringify(body),
  });
  await track('/v1/identify', { userId: 'secretuser', traits: { email: contact.email } });
  await track('/v1/track', { userId: 'secretuser', event: 'Secretevent' });
  const events = await asB('/api/v1/events?name=Secretevent', undefined);
  const list = await asB('/api/v1/lists', { name: 'Secretlist' });
  await asB(`/api/v1/lists/${list.id}/members`, { contactIds: [contact.id] });
  const segment = await asB('/api/v1/segments', { name: 'Secretsegment', definition: { version: 1, match: { type: 'list', listId: list.id, operator: 'in' } } });
  const rule = await asB('/api/v1/scoring/rules', { kind: 'fit', name: 'Secretrule', points: 5, condition: { type: 'list', listId: list.id, operator: 'in' } });
  const team = await asB('/api/v1/sales-teams', { name: 'Secretteam', leadUserId: b.users.sales.id, members: [{ userId: b.users.sales.id }] });
  const definition = await asB('/api/v1/lead-definitions', { criteria: { fitMin: 5, engagementMin: 0 }, routing: { fallbackTeamId: team.id } });
  const topic = await asB('/api/v1/subscription-topics', { key: 'secrettopic', name: 'Secrettopic' });
  await asB(`/api/v1/contacts/${contact.id}/consent`, { purpose: 'topic:secrettopic', status: 'granted', source: 'form', wording: 'Secretwording' });
  await asB('/api/v1/suppressions', { email: 'secretsuppressed@betacorp-example.fi' });
  const template = await asB('/api/v1/email/templates', { name: 'Secrettemplate', kind: 'transactional', subject: 'Secretsubject', mjml: MJML });
  const domain = await asB('/api/v1/sending-domains', { domain: 'secretmail.beta.example', fromEmail: 'x@secretmail.beta.example' });
  await asB('/api/v1/email/snippets/secretsnippet', { name: 'Secretsnippet', content: '<mj-text>x</mj-text>' });
  await asB('/api/v1/messages', { contactId: contact.id, templateId: template.id });
  const broadcast = await asB('/api/v1/broadcasts', {
    name: 'Secretbroadcast', templateId: template.id, audience: { kind: 'list', id: list.id }, schedule: 'at', sendAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const journey = await asB('/api/v1/journeys', {
    name: 'Secretjourney', graph: { nodes: [{ id: 'start', type: 'trigger', trigger: { kind: 'manual' } }, { id: 'wait', type: 'wait', duration: { amount: 9, unit: 'days' } }], edges: [{ id: 'e', from: 'start', handle: 'next', to: 'wait' }] },
  });
  await asB(`/api/v1/journeys/${journey.id}/launch`, {});
  const enrolment = await asB(`/api/v1/journeys/${journey.id}/enrolments`, { contactIds: [contact.id] });
  const form = await asB('/api/v1/forms', {
    name: 'Secretform', fields: [{ key: 'email', label: 'Email', type: 'email', mapTo: 'email', required: true }], afterSubmit: { kind: 'message', message: 'Secretthanks' },
  });
  const landingPage = await asB('/api/v1/pages', {
    name: 'Secretpage', slug: 'secret-page', title: 'Secrettitle', status: 'published', variants: [{ key: 'A', name: 'A', weight: 100, blocks: [{ type: 'hero', heading: 'Secretheading' }, { type: 'form', formId: form.id }] }],
  });
  const slot = await asB('/api/v1/content-slots', { key: 'secretslot', name: 'Secretslot', defaultContent: 'Secretcontent', rules: [{ segmentId: segment.id, content: 'Secretrule' }] });
  // A hand-off of B's, written directly: qualifying through events is the lifecycle tests' business.
  const lead = await database.ctx.db.insertInto('leads').values({
    workspace_id: b.workspaceId, contact_id: contact.id, definition_id: definition.id, status: 'new', owner_id: b.users.sales.id, team_id: team.id,
    routed_by: 'test', mql_at: new Date(), assigned_at: new Date(), sla_due_at: new Date(Date.now() + 3_600_000), fit: 5, engagement: '0', grade: 'D4', tier: 'cold',
  }).returning('id').executeTakeFirstOrThrow();
  bRecords = {
    workspaceId: b.workspaceId,
    adminEmail: b.users.admin.email,
    viewerId: b.users.viewer.id,
    keyId: keys.items[0].id,
    invitationId: invite.id,
    inviteToken: invite.inviteUrl.split('/invite/')[1],
    contactId: contact.id,
    contactEmail: contact.email,
    companyId: contact.companyId,
    companyDomain: 'betacorp-example.fi',
    customFieldId: field.id,
    importId: upload.id,
    contactId2: contact2.id,
    companyId2: company2.id,
    dealId: deal.id,
    stageId: deal.stageId,
    activityId: activity.id,
    taskId: task.id,
    eventId: events.items[0].id,
    segmentId: segment.id,
    listId: list.id,
    ruleId: rule.id,
    teamId: team.id,
    definitionId: definition.id,
    leadId: lead.id,
    topicId: topic.id,
    suppressedEmail: 'secretsuppressed@betacorp-example.fi',
    templateId: template.id,
    domainId: domain.id,
    broadcastId: broadcast.id,
    journeyId: journey.id,
    enrolmentId: enrolment.enrolled[0].enrolmentId,
    formId: form.id,
    pageId: landingPage.id,
    slotId: slot.id,
  };
});

afterAll(async () => {
  await server.app.close();
  await database.close();
});

/** Everything B has, as B's own admin sees it. */
async function snapshotB() {
  const cookie = await signIn(server, b.users.admin);
  const read = async (path: string) => (await server.request(path, { headers: { cookie } })).json();
  return {
    workspace: await read('/api/v1/workspace'),
    members: await read('/api/v1/members'),
    invitations: await read('/api/v1/invitations'),
    keys: (await read('/api/v1/api-keys')).items.map((k: { id: string; revokedAt: string | null; lastUsedAt: unknown }) => ({ id: k.id, revokedAt: k.revokedAt })),
    auditCount: (await read('/api/v1/audit-log?limit=200')).items.length,
    customFields: await read('/api/v1/custom-fields'),
    contacts: await read('/api/v1/contacts'),
    companies: await read('/api/v1/companies'),
    contactTimeline: await read(`/api/v1/contacts/${bRecords.contactId}/timeline`),
    companyTimeline: await read(`/api/v1/companies/${bRecords.companyId}/timeline`),
    pipelines: await read('/api/v1/pipelines'),
    duplicates: await read('/api/v1/contacts/duplicates'),
    imports: await read('/api/v1/imports'),
    quality: await read('/api/v1/data-quality?objectType=contact'),
    deal: await read(`/api/v1/deals/${bRecords.dealId}`),
    activities: await read(`/api/v1/activities?contactId=${bRecords.contactId}`),
    tasks: await read(`/api/v1/tasks?contactId=${bRecords.contactId}&status=all`),
    events: await read('/api/v1/events'),
    tracking: await read('/api/v1/tracking/settings'),
    contactTracking: await read(`/api/v1/contacts/${bRecords.contactId}/tracking`),
    segments: await read('/api/v1/segments'),
    segmentMembers: await read(`/api/v1/segments/${bRecords.segmentId}/members`),
    lists: await read('/api/v1/lists'),
    listMembers: await read(`/api/v1/lists/${bRecords.listId}/members`),
    scoringRules: await read('/api/v1/scoring/rules'),
    scoringSettings: await read('/api/v1/scoring/settings'),
    lifecycleSettings: await read('/api/v1/lifecycle/settings'),
    contactLifecycle: await read(`/api/v1/contacts/${bRecords.contactId}/lifecycle`),
    teams: await read('/api/v1/sales-teams'),
    definitions: await read('/api/v1/lead-definitions'),
    leads: await read('/api/v1/leads'),
    consent: await read(`/api/v1/contacts/${bRecords.contactId}/consent`),
    suppressions: await read('/api/v1/suppressions'),
    topics: await read('/api/v1/subscription-topics'),
    messagingSettings: await read('/api/v1/messaging/settings'),
    templates: await read('/api/v1/email/templates'),
    snippets: await read('/api/v1/email/snippets'),
    messages: await read('/api/v1/messages'),
    domains: await read('/api/v1/sending-domains'),
    broadcasts: await read('/api/v1/broadcasts'),
    sendLimits: await read('/api/v1/email/send-limits'),
    journeys: await read('/api/v1/journeys'),
    journey: await read(`/api/v1/journeys/${bRecords.journeyId}`),
    journeyEnrolments: await read(`/api/v1/journeys/${bRecords.journeyId}/enrolments`),
    contactJourneys: await read(`/api/v1/contacts/${bRecords.contactId}/journeys`),
    webhookSecret: await read('/api/v1/journeys/webhook-secret'),
    forms: await read('/api/v1/forms'),
    pages: await read('/api/v1/pages'),
    page: await read(`/api/v1/pages/${bRecords.pageId}`),
    slots: await read('/api/v1/content-slots'),
  };
}

describe('workspace isolation', () => {
  it('has a sample request for every API route', () => {
    const missing = server.app.routeCatalog.map((r) => `${r.method} ${r.url}`).filter((route) => !sampleRequests[route]);
    expect(missing).toEqual([]);
  });

  for (const credential of ['session', 'secret key'] as const) {
    it(`A's admin (${credential}) can neither read nor change B through any route`, async () => {
      const before = await snapshotB();
      const headers: Record<string, string> = credential === 'session'
        ? { cookie: await signIn(server, a.users.admin) }
        : { authorization: `Bearer ${a.secretKey}` };
      const bSecrets = [b.workspaceId, b.users.admin.email, b.users.viewer.id, bRecords.keyId, bRecords.invitationId, 'Beta',
        bRecords.contactId, bRecords.companyId, bRecords.customFieldId, 'Secretperson',
        bRecords.importId, 'secret.csv', 'secretimport', bRecords.contactId2, bRecords.companyId2, bRecords.dealId, bRecords.stageId, bRecords.activityId, bRecords.taskId, 'Secretdeal', 'Secretcall', 'Secrettask',
        'Secretevent', 'secretuser', b.writeKey, bRecords.segmentId, bRecords.listId, 'Secretsegment', 'Secretlist',
        bRecords.ruleId, bRecords.teamId, bRecords.definitionId, bRecords.leadId, 'Secretrule', 'Secretteam',
        bRecords.topicId, 'Secrettopic', 'Secretwording', 'secretsuppressed', bRecords.templateId, bRecords.domainId, 'Secrettemplate', 'Secretsubject', 'Secretsnippet',
        bRecords.broadcastId, 'Secretbroadcast', bRecords.journeyId, bRecords.enrolmentId, 'Secretjourney', bRecords.formId, 'Secretform', 'Secretthanks',
        bRecords.pageId, 'Secretpage', 'Secrettitle', 'Secretheading', bRecords.slotId, 'Secretslot', 'Secretcontent', 'Secretrule'];

      // Routes that end or move the session go last, so every other route runs signed in to A.
      const sessionChanging = ['POST /api/v1/workspaces', 'POST /api/v1/auth/logout'];
      const routes = [...server.app.routeCatalog].sort((x, y) =>
        sessionChanging.indexOf(`${x.method} ${x.url}`) - sessionChanging.indexOf(`${y.method} ${y.url}`));
      const refused: string[] = [];
      for (const route of routes) {
        const sample = sampleRequests[`${route.method} ${route.url}`]!(bRecords);
        const response = await server.request(sample.path, { method: route.method, body: sample.body, headers });
        const text = await response.text();
        if (response.status === 401) refused.push(`${route.method} ${route.url}`);
        for (const secret of bSecrets) {
          expect(text, `${route.method} ${route.url} leaked ${secret}`).not.toContain(secret);
        }
      }
      // Refused: the wrong-password sign-in, and for a key the routes that need a person's session.
      // Anything else refused would mean the route ran signed out and proved nothing.
      const needSession = routes.filter((r) => r.access === 'session').map((r) => `${r.method} ${r.url}`);
      expect(refused.sort()).toEqual(['POST /api/v1/auth/login', ...(credential === 'session' ? [] : needSession)].sort());
      const after = await snapshotB();
      // The sign-ins of snapshotB are the only entries B's audit may gain: none are audited.
      expect(after).toEqual(before);
    });
  }

  it("A's write key, naming B's people by userId and email, writes only into A", async () => {
    const before = await snapshotB();
    const response = await fetch(`${server.url}/v1/batch`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writeKey: a.writeKey, batch: [
        { type: 'identify', userId: 'secretuser', traits: { email: bRecords.contactEmail, firstName: 'Hijacked' } },
        { type: 'alias', userId: 'secretuser', previousId: bRecords.contactId },
        { type: 'group', userId: 'secretuser', groupId: bRecords.companyId, traits: { website: bRecords.companyDomain } },
      ] }),
    });
    expect(response.status).toBe(200);
    expect(await snapshotB()).toEqual(before);
  });

  it('a secret key of A is refused on B-scoped lookups even with B ids in the path', async () => {
    const response = await server.request(`/api/v1/api-keys/${bRecords.keyId}`, {
      method: 'DELETE', headers: { authorization: `Bearer ${a.secretKey}` },
    });
    expect(response.status).toBe(404);
  });
});
