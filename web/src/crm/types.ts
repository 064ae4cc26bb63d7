// Shapes of the CRM API (see /api/openapi.json). Dates arrive as ISO strings.
import type { TrackedProfile } from '../events/types';

export type CustomValues = Record<string, string | number | boolean | string[]>;
export interface Page<T> { items: T[]; nextCursor: string | null }

export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface Contact extends TrackedProfile {
  id: string; email: string | null; firstName: string | null; lastName: string | null; phone: string | null;
  jobTitle: string | null; persona: string | null; seniority: string | null; country: string | null; city: string | null;
  timezone: string | null; ownerId: string | null; source: string | null; tags: string[]; lifecycleStage: LifecycleStage;
  companyId: string | null; custom: CustomValues; createdAt: string; updatedAt: string;
}

export interface Completeness { score: number; missing: string[] }

export interface Company extends TrackedProfile {
  id: string; name: string; domain: string | null; industry: string | null; employeeCount: number | null;
  revenueBand: string | null; country: string | null; ownerId: string | null; tags: string[]; custom: CustomValues;
  createdAt: string; updatedAt: string;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select' | 'multi_select';
export interface CustomField {
  id: string; objectType: 'contact' | 'company' | 'deal'; key: string; label: string; type: CustomFieldType;
  options: { value: string; label: string }[]; required: boolean; position: number; createdAt: string; archivedAt: string | null;
}

export interface TimelineItem {
  id: number; occurredAt: string; kind: string; contactId: string | null; companyId: string | null; dealId: string | null;
  actor: { type: string; id: string | null; label: string | null }; source: { type: string; id: string } | null;
  data: Record<string, unknown>;
}

export interface Stage { id: string; name: string; position: number; probability: number; kind: 'open' | 'won' | 'lost' }
export interface Pipeline { id: string; name: string; position: number; stages: Stage[] }

export type BuyingRole = 'decision_maker' | 'influencer' | 'user' | 'technical' | 'champion';
export interface Deal {
  id: string; name: string; pipelineId: string; stageId: string; status: 'open' | 'won' | 'lost'; amount: number | null;
  currency: string; expectedCloseDate: string | null; ownerId: string | null; companyId: string | null; companyName: string | null; lostReason: string | null;
  closedAt: string | null; stageEnteredAt: string; custom: CustomValues; createdAt: string; updatedAt: string;
}
export interface DealDetail extends Deal {
  contacts: { contactId: string; role: BuyingRole | null; addedAt: string }[];
  stageHistory: { stageId: string; stageName: string; enteredAt: string; leftAt: string | null; movedBy: string | null }[];
}

export type ActivityKind = 'note' | 'call' | 'meeting' | 'email';
export interface Activity {
  id: string; kind: ActivityKind; subject: string | null; body: string | null; occurredAt: string; durationMinutes: number | null;
  outcome: string | null; contactId: string | null; companyId: string | null; dealId: string | null; createdBy: string | null; createdAt: string;
}

export interface Task {
  id: string; title: string; notes: string | null; dueAt: string | null; priority: 'low' | 'normal' | 'high'; assigneeId: string | null;
  done: boolean; doneAt: string | null; contactId: string | null; companyId: string | null; dealId: string | null;
  createdBy: string | null; createdAt: string; updatedAt: string;
}

export interface ImportRun {
  id: string; objectType: 'contact' | 'company'; fileName: string; status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed';
  headers: string[]; delimiter: string; mapping: Record<string, string> | null; onDuplicate: 'update' | 'skip'; bytes: number; bytesProcessed: number;
  rowsProcessed: number; rowsCreated: number; rowsUpdated: number; rowsSkipped: number; rowsRejected: number; error: string | null;
  createdAt: string; startedAt: string | null; finishedAt: string | null;
}
export interface ImportUpload extends ImportRun { sample: string[][]; suggestedMapping: Record<string, string>; fields: string[] }
export interface ImportRejection { line: number; field: string | null; reason: string; raw: Record<string, string> }
