import { sign, verify } from '../../platform/security/signed.js';

/**
 * Tracking links and the open pixel carry a signed token: the message (and for a click the
 * destination), so a link cannot be altered to redirect elsewhere or to count for another
 * message. The unsubscribe link is signed the same way.
 */
export type Token =
  | { kind: 'open'; workspaceId: string; messageId: string }
  | { kind: 'click'; workspaceId: string; messageId: string; url: string }
  | { kind: 'unsubscribe'; workspaceId: string; messageId: string };

const prefixes = { open: 'o', click: 'c', unsubscribe: 'u' } as const;

export function tokenFor(secret: Buffer, token: Token): string {
  const parts = [prefixes[token.kind], token.workspaceId, token.messageId, ...(token.kind === 'click' ? [token.url] : [])];
  return sign(secret, parts.join('|'));
}

export function readToken(secret: Buffer, kind: Token['kind'], value: string): Token | null {
  const payload = verify(secret, value);
  if (!payload) return null;
  const [prefix, workspaceId, messageId, ...rest] = payload.split('|');
  if (prefix !== prefixes[kind] || !workspaceId || !messageId) return null;
  if (kind === 'click') return rest.length ? { kind, workspaceId, messageId, url: rest.join('|') } : null;
  return { kind, workspaceId, messageId } as Token;
}

/**
 * Rewrites every http(s) link of the HTML to go through the click redirect and adds the
 * open pixel. The unsubscribe and preference links are left as they are.
 */
export function addTracking(html: string, options: { baseUrl: string; secret: Buffer; workspaceId: string; messageId: string; keep: string[] }): string {
  const { baseUrl, secret, workspaceId, messageId, keep } = options;
  const tracked = html.replace(/(<a\b[^>]*?\bhref=")(https?:\/\/[^"]+)(")/gi, (whole, start: string, url: string, end: string) => {
    const target = url.replace(/&amp;/g, '&');
    if (keep.includes(target)) return whole;
    return `${start}${baseUrl}/t/c/${tokenFor(secret, { kind: 'click', workspaceId, messageId, url: target })}${end}`;
  });
  const pixel = `<img src="${baseUrl}/t/o/${tokenFor(secret, { kind: 'open', workspaceId, messageId })}" width="1" height="1" alt="" style="display:block;height:1px;width:1px;border:0" />`;
  return /<\/body>/i.test(tracked) ? tracked.replace(/<\/body>/i, `${pixel}</body>`) : `${tracked}${pixel}`;
}

// Security gateways and image proxies that fetch every link or image of a message.
const machineAgents = /(bot|crawler|spider|preview|scanner|proofpoint|mimecast|barracuda|safelinks|urldefense|googleimageproxy|yahoomailproxy|python-requests|curl|wget|headless)/i;

/**
 * Whether an open or click is a machine's rather than a person's: a known scanner or proxy,
 * a HEAD request, or within seconds of the send (what link scanners do on delivery).
 */
export function isMachine(request: { userAgent: string | undefined; method: string }, sentAt: Date | null, now: Date): boolean {
  if (request.method === 'HEAD') return true;
  if (!request.userAgent || machineAgents.test(request.userAgent)) return true;
  return sentAt !== null && now.getTime() - sentAt.getTime() < 2000;
}
