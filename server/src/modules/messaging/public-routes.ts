import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { consumeRateLimit } from '../../platform/security/rate-limit.js';
import { htmlPage as page } from '../../platform/http/html-page.js';
import { escapeHtml } from '../../platform/text.js';
import { getWorkspace } from '../accounts/index.js';
import { confirm, pendingConfirmation } from './double-opt-in.js';
import { recordClick, recordOpen, unsubscribe, type UnsubscribeTarget, unsubscribeTarget } from './engagement.js';

// A transparent 1×1 GIF.
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');


function preferencesPage(workspaceName: string, target: UnsubscribeTarget, token: string, done?: string): string {
  const topics = target.topics.map((topic) => `<label><input type="checkbox" name="topic" value="${escapeHtml(topic.key)}"${topic.subscribed ? ' checked' : ''}> ${escapeHtml(topic.name)}</label>`).join('');
  return page(`Email preferences — ${workspaceName}`, `
<h1>Email from ${escapeHtml(workspaceName)}</h1>
${done ? `<p role="status"><strong>${escapeHtml(done)}</strong></p>` : ''}
<p class="muted">For ${escapeHtml(target.message.to_email)}</p>
<form method="post" action="/u/${escapeHtml(token)}">
  ${topics ? `<fieldset><legend>Keep sending me</legend>${topics}</fieldset>` : ''}
  ${target.unsubscribed ? '<p>You are unsubscribed from all marketing email.</p>' : '<label><input type="checkbox" name="everything" value="1"> Unsubscribe me from all marketing email</label>'}
  <button type="submit">Save my preferences</button>
</form>`);
}

/**
 * The links in every email: the open pixel, click redirects, and the unsubscribe link with
 * its preference centre. Public, signed, rate-limited per address.
 */
export function emailPublicRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries([...new URLSearchParams(body as string)].reduce((all, [key, value]) => all.set(key, [...(all.get(key) ?? []), value]), new Map<string, string[]>())));
    });
    const limited = async (request: FastifyRequest, reply: FastifyReply, perMinute: number) => {
      const result = await consumeRateLimit(ctx.db, ctx.clock, `email-links:${request.ip}`, { limit: perMinute, windowSeconds: 60 });
      if (result.allowed) return false;
      reply.header('retry-after', result.retryAfterSeconds).status(429).send('Too many requests');
      return true;
    };
    const hit = (request: FastifyRequest) => ({ method: request.method, userAgent: request.headers['user-agent'], ip: request.ip });

    app.get<{ Params: { token: string } }>('/t/o/:token', { config: { access: 'public' } }, async (request, reply) => {
      if (await limited(request, reply, 600)) return reply;
      await recordOpen(ctx, request.params.token, hit(request));
      return reply.header('cache-control', 'no-store, max-age=0').type('image/gif').send(pixel);
    });

    app.route<{ Params: { token: string } }>({
      method: ['GET', 'HEAD'], url: '/t/c/:token', config: { access: 'public' },
      handler: async (request, reply) => {
        if (await limited(request, reply, 600)) return reply;
        const url = await recordClick(ctx, request.params.token, hit(request));
        if (!url) return reply.status(404).type('text/html').send(page('Link not found', '<h1>This link is not valid</h1><p>It may have been altered or cut short.</p>'));
        return reply.header('cache-control', 'no-store').redirect(url, 302);
      },
    });

    app.get<{ Params: { token: string } }>('/u/:token', { config: { access: 'public' } }, async (request, reply) => {
      if (await limited(request, reply, 60)) return reply;
      const target = await unsubscribeTarget(ctx, request.params.token);
      if (!target) return reply.status(404).type('text/html').send(page('Link not found', '<h1>This unsubscribe link is not valid</h1>'));
      const workspace = await getWorkspace(ctx.db, target.message.workspace_id);
      return reply.type('text/html').send(preferencesPage(workspace.name, target, request.params.token));
    });

    app.get<{ Params: { token: string } }>('/c/:token', { config: { access: 'public' } }, async (request, reply) => {
      if (await limited(request, reply, 60)) return reply;
      const pending = await pendingConfirmation(ctx, request.params.token);
      if (!pending) return reply.status(404).type('text/html').send(page('Link not found', '<h1>This confirmation link is not valid</h1>'));
      const workspace = await getWorkspace(ctx.db, pending.workspaceId);
      const body = pending.open
        ? `<h1>Confirm your subscription</h1><p>${escapeHtml(workspace.name)} will send you email once you confirm.</p>
           ${pending.wording ? `<blockquote>${escapeHtml(pending.wording)}</blockquote>` : ''}
           <form method="post" action="/c/${escapeHtml(request.params.token)}"><button type="submit">Yes, send me email</button></form>`
        : '<h1>Nothing to confirm</h1><p>This subscription is already confirmed, or was withdrawn.</p>';
      return reply.type('text/html').send(page(`Confirm — ${workspace.name}`, body));
    });

    app.post<{ Params: { token: string } }>('/c/:token', { config: { access: 'public' } }, async (request, reply) => {
      if (await limited(request, reply, 60)) return reply;
      const pending = await pendingConfirmation(ctx, request.params.token);
      if (!pending) return reply.status(404).type('text/html').send(page('Link not found', '<h1>This confirmation link is not valid</h1>'));
      if (pending.open) await confirm(ctx, pending, request.ip);
      const workspace = await getWorkspace(ctx.db, pending.workspaceId);
      return reply.type('text/html').send(page(`Confirmed — ${workspace.name}`, '<h1>Thank you</h1><p role="status">Your subscription is confirmed.</p>'));
    });

    // RFC 8058: a mail client's one-click unsubscribe posts "List-Unsubscribe=One-Click"; the
    // preference centre posts its form.
    app.post<{ Params: { token: string }; Body: Record<string, string[]> | undefined }>('/u/:token', { config: { access: 'public' } }, async (request, reply) => {
      if (await limited(request, reply, 60)) return reply;
      const target = await unsubscribeTarget(ctx, request.params.token);
      if (!target) return reply.status(404).type('text/html').send(page('Link not found', '<h1>This unsubscribe link is not valid</h1>'));
      const body = request.body ?? {};
      if (body['List-Unsubscribe']?.[0] === 'One-Click') {
        await unsubscribe(ctx, target, { mode: 'one_click', ip: request.ip });
        return reply.status(200).type('text/plain').send('Unsubscribed');
      }
      const everything = body.everything?.[0] === '1';
      const keep = new Set(body.topic ?? []);
      await unsubscribe(ctx, target, {
        mode: 'preferences', everything: everything && !target.unsubscribed, ip: request.ip,
        withdraw: target.topics.filter((topic) => topic.subscribed && !keep.has(topic.key)).map((topic) => topic.key),
        resubscribe: target.topics.filter((topic) => !topic.subscribed && keep.has(topic.key)).map((topic) => topic.key),
      });
      const workspace = await getWorkspace(ctx.db, target.message.workspace_id);
      const after = (await unsubscribeTarget(ctx, request.params.token))!;
      return reply.type('text/html').send(preferencesPage(workspace.name, after, request.params.token, everything ? 'You are unsubscribed from all marketing email.' : 'Your preferences are saved.'));
    });
  };
}
