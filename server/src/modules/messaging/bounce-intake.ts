import { SMTPServer } from 'smtp-server';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { installationSecret, sign, verify } from '../../platform/security/signed.js';
import { applyReports, parseReportEmail, parseSesEvent } from './bounces.js';

/**
 * Where bounces and complaints come in: an SMTP listener for the bounce address (the
 * Return-Path of what Tandem sends, or a forward from the relay) and a webhook for a
 * provider's events, addressed by a signed per-workspace URL.
 */
export async function startBounceListener(ctx: AppContext): Promise<{ close(): Promise<void> } | null> {
  if (!ctx.config.bounceSmtpPort) return null;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const reports = parseReportEmail(Buffer.concat(chunks).toString('utf8'));
        // Anything that is not a report is accepted and dropped: the address receives no mail.
        if (!reports?.length) return callback();
        applyReports(ctx, reports).then(() => callback(), (error) => {
          ctx.logger.warn({ err: error }, 'a bounce report could not be applied');
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(ctx.config.bounceSmtpPort, ctx.config.host, resolve));
  ctx.logger.info({ port: ctx.config.bounceSmtpPort }, 'bounce listener started');
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function webhookUrl(db: DbOrTx, publicUrl: string, workspaceId: string): Promise<string> {
  return `${publicUrl}/webhooks/email/ses/${sign(await installationSecret(db, 'webhooks'), `ses|${workspaceId}`)}`;
}

export function bounceWebhookRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // SNS posts JSON as text/plain.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('the body must be JSON'), { statusCode: 400 }), undefined);
      }
    });
    app.post<{ Params: { token: string }; Body: Record<string, unknown> }>('/webhooks/email/ses/:token', { config: { access: 'public' } }, async (request, reply) => {
      const payload = verify(await installationSecret(ctx.db, 'webhooks'), request.params.token);
      if (!payload?.startsWith('ses|')) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'unknown webhook' });
      const workspaceId = payload.slice(4);
      if (request.body?.Type === 'SubscriptionConfirmation' && typeof request.body.SubscribeURL === 'string') {
        ctx.logger.info({ workspaceId, subscribeUrl: request.body.SubscribeURL }, 'SNS subscription to confirm');
        return { confirmed: false, subscribeUrl: request.body.SubscribeURL };
      }
      const applied = await applyReports(ctx, parseSesEvent(request.body), workspaceId);
      return { applied };
    });
  };
}
