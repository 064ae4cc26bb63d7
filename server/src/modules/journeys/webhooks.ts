import { createHmac } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ClaimedJob } from '../../platform/jobs/queue.js';
import { isHttpError } from '../../platform/http/errors.js';
import { installationSecret } from '../../platform/security/signed.js';
import { getContact } from '../contacts/index.js';

/** The key a workspace's receivers check webhook signatures with (derived, never stored). */
export async function webhookSecret(db: DbOrTx, workspaceId: string): Promise<string> {
  return createHmac('sha256', await installationSecret(db, 'journey-webhooks')).update(workspaceId).digest('hex');
}

/**
 * A journey's webhook call: JSON about the contact and the step, signed
 * (`Tandem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`) and carrying the
 * step's idempotency key, so a receiver can check it and drop a repeat. A non-2xx answer or
 * no answer fails the job, which retries with backoff (8 attempts).
 */
export async function callWebhook(ctx: AppContext, job: ClaimedJob): Promise<void> {
  const workspaceId = job.workspaceId!;
  const { url, journeyId, journeyName, nodeId, enrolmentId, contactId, step } = job.payload as {
    url: string; journeyId: string; journeyName: string; nodeId: string; enrolmentId: string; contactId: string; step: number;
  };
  // The contact may have been erased since the step: the call still goes, with the id alone.
  const contact = await getContact(ctx.db, workspaceId, contactId).catch((error: unknown) => {
    if (isHttpError(error)) return null;
    throw error;
  });
  const body = JSON.stringify({
    type: 'journey.webhook', journey: { id: journeyId, name: journeyName }, nodeId, enrolmentId, step,
    contact: contact ? { id: contact.id, email: contact.email, firstName: contact.firstName, lastName: contact.lastName, lifecycleStage: contact.lifecycleStage } : { id: contactId },
    sentAt: ctx.clock.now().toISOString(),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', await webhookSecret(ctx.db, workspaceId)).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(url, {
    method: 'POST', body, signal: AbortSignal.timeout(10_000),
    headers: { 'content-type': 'application/json', 'user-agent': 'Tandem-Webhooks/1', 'idempotency-key': job.idempotencyKey ?? '', 'tandem-signature': `t=${timestamp},v1=${signature}` },
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
}
