import { generateKeyPairSync } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';

/**
 * A domain the workspace sends from, with its own DKIM key (RSA 2048, made here; the
 * private half never leaves the database) and the DNS records to publish: the DKIM key,
 * SPF and DMARC.
 */
export interface SendingDomain {
  id: string;
  domain: string;
  selector: string;
  fromEmail: string;
  fromName: string | null;
  isDefault: boolean;
  createdAt: Date;
  dns: { type: 'TXT'; name: string; value: string; purpose: string }[];
}

type Row = {
  id: string; domain: string; selector: string; dkim_public_key: string; from_email: string; from_name: string | null; is_default: boolean; created_at: Date;
};

function dnsRecords(row: Row): SendingDomain['dns'] {
  const publicKey = row.dkim_public_key.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return [
    { type: 'TXT', name: `${row.selector}._domainkey.${row.domain}`, value: `v=DKIM1; k=rsa; p=${publicKey}`, purpose: 'DKIM: receivers check the signature of every message with this key' },
    { type: 'TXT', name: row.domain, value: 'v=spf1 a mx include:<your SMTP relay> ~all', purpose: 'SPF: name the servers allowed to send for the domain (your relay\'s include)' },
    { type: 'TXT', name: `_dmarc.${row.domain}`, value: `v=DMARC1; p=none; rua=mailto:dmarc@${row.domain}; adkim=r; aspf=r`, purpose: 'DMARC: start with p=none and reports, then tighten to quarantine' },
  ];
}

function toDomain(row: Row): SendingDomain {
  return {
    id: row.id, domain: row.domain, selector: row.selector, fromEmail: row.from_email, fromName: row.from_name, isDefault: row.is_default,
    createdAt: row.created_at, dns: dnsRecords(row),
  };
}

const columns = ['id', 'domain', 'selector', 'dkim_public_key', 'from_email', 'from_name', 'is_default', 'created_at'] as const;

export async function listDomains(db: DbOrTx, workspaceId: string): Promise<SendingDomain[]> {
  const rows = await db.selectFrom('sending_domains').select(columns).where('workspace_id', '=', workspaceId).orderBy('domain').execute();
  return rows.map(toDomain);
}

export async function addDomain(db: DbOrTx, clock: Clock, workspaceId: string, input: { domain: string; fromEmail: string; fromName?: string | null; isDefault?: boolean }) {
  const domain = input.domain.trim().toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9](-*[a-z0-9])*\.)+[a-z]{2,}$/.test(domain)) throw badRequest('domain must be a domain name such as mail.example.com', 'domain');
  const fromEmail = input.fromEmail.trim().toLowerCase();
  if (!fromEmail.endsWith(`@${domain}`)) throw badRequest(`fromEmail must be an address at ${domain}`, 'fromEmail');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const existing = await listDomains(db, workspaceId);
  const isDefault = input.isDefault ?? existing.length === 0;
  if (isDefault) await db.updateTable('sending_domains').set({ is_default: false }).where('workspace_id', '=', workspaceId).execute();
  const row = await db.insertInto('sending_domains').values({
    workspace_id: workspaceId, domain, selector: `tandem${clock.now().getUTCFullYear()}`, dkim_private_key: privateKey, dkim_public_key: publicKey,
    from_email: fromEmail, from_name: input.fromName?.trim() || null, is_default: isDefault, created_at: clock.now(),
  }).onConflict((oc) => oc.doNothing()).returning(columns).executeTakeFirst();
  if (!row) throw conflict(`${domain} is already a sending domain`, 'domain');
  return toDomain(row);
}

export async function removeDomain(db: DbOrTx, workspaceId: string, id: string) {
  const removed = await db.deleteFrom('sending_domains').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!removed.numDeletedRows) throw notFound('sending domain');
}

/** What a send signs with: the workspace's default domain (or the one named), with its private key. */
export async function signingDomain(db: DbOrTx, workspaceId: string, domain?: string) {
  let query = db.selectFrom('sending_domains').select(['domain', 'selector', 'dkim_private_key', 'from_email', 'from_name']).where('workspace_id', '=', workspaceId);
  query = domain ? query.where('domain', '=', domain) : query.where('is_default', '=', true);
  return query.executeTakeFirst();
}
