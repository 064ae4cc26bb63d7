import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { mappableContactFields, normaliseDomain } from '../contacts/index.js';

export interface TrackingSettings {
  retentionDays: number;
  respectDoNotTrack: boolean;
  requireConsent: boolean;
  ownDomains: string[];
  partnerDomains: string[];
  /** trait → contact field ("jobTitle", "custom.plan"), beyond the built-in mapping. */
  traitMappings: Record<string, string>;
}

export const defaultTrackingSettings: TrackingSettings = {
  retentionDays: 395, respectDoNotTrack: false, requireConsent: false, ownDomains: [], partnerDomains: [], traitMappings: {},
};

export async function getTrackingSettings(db: DbOrTx, workspaceId: string): Promise<TrackingSettings> {
  const row = await db.selectFrom('tracking_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return { ...defaultTrackingSettings };
  return {
    retentionDays: row.retention_days, respectDoNotTrack: row.respect_do_not_track, requireConsent: row.require_consent,
    ownDomains: row.own_domains, partnerDomains: row.partner_domains, traitMappings: row.trait_mappings,
  };
}

// The ingest path reads settings on every request; a few seconds of staleness after a change is fine.
const cacheMs = 5_000;
const cache = new Map<string, { at: number; settings: Promise<TrackingSettings> }>();

export function cachedTrackingSettings(db: DbOrTx, workspaceId: string): Promise<TrackingSettings> {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < cacheMs) return hit.settings;
  const settings = getTrackingSettings(db, workspaceId);
  cache.set(workspaceId, { at: Date.now(), settings });
  settings.catch(() => cache.delete(workspaceId));
  return settings;
}

function domains(list: string[], field: string): string[] {
  return [...new Set(list.map((entry, index) => {
    const domain = normaliseDomain(entry);
    if (!domain) throw badRequest(`${field}[${index}] "${entry}" is not a web domain such as acme.com`, `${field}[${index}]`);
    return domain;
  }))];
}

export async function updateTrackingSettings(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: Partial<TrackingSettings>,
): Promise<TrackingSettings> {
  const next = { ...(await getTrackingSettings(db, workspaceId)), ...input };
  next.ownDomains = domains(next.ownDomains, 'ownDomains');
  next.partnerDomains = domains(next.partnerDomains, 'partnerDomains');
  for (const [trait, field] of Object.entries(next.traitMappings)) {
    if (!mappableContactFields.includes(field) && !/^custom\.[a-z][a-z0-9_]{0,62}$/.test(field)) {
      throw badRequest(`traitMappings.${trait}: "${field}" is not a contact field (${mappableContactFields.join(', ')} or custom.<key>)`, `traitMappings.${trait}`);
    }
  }
  const values = {
    retention_days: next.retentionDays, respect_do_not_track: next.respectDoNotTrack, require_consent: next.requireConsent,
    own_domains: next.ownDomains, partner_domains: next.partnerDomains, trait_mappings: JSON.stringify(next.traitMappings) as never,
    updated_at: clock.now(),
  };
  await db.insertInto('tracking_settings').values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'tracking.settings_updated', data: { ...next } });
  cache.delete(workspaceId);
  return next;
}

/** The browser asks not to be tracked: Do-Not-Track, or its successor Global Privacy Control. */
export function asksNotToBeTracked(headers: Record<string, string | string[] | undefined>): boolean {
  return headers.dnt === '1' || headers['sec-gpc'] === '1';
}
