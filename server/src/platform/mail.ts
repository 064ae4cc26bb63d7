import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Config } from './config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const transports = new Map<string, Transporter>();

/**
 * The pooled SMTP transport for SMTP_URL: `connections` kept open and reused, so a send
 * costs one SMTP transaction, not a connection. One per URL and pool size, made on first use.
 */
export function smtpTransport(config: Pick<Config, 'smtpUrl' | 'smtpConnections'>): Transporter | null {
  if (!config.smtpUrl) return null;
  const key = `${config.smtpUrl}#${config.smtpConnections}`;
  let transport = transports.get(key);
  if (!transport) {
    const url = new URL(config.smtpUrl);
    transport = nodemailer.createTransport({
      pool: true, maxConnections: Math.max(1, config.smtpConnections), maxMessages: Infinity,
      host: url.hostname, port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)), secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      // Loopback and internal relays often present self-signed certificates.
      tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
    });
    transports.set(key, transport);
  }
  return transport;
}

export async function sendRaw(config: Pick<Config, 'smtpUrl' | 'smtpConnections'>, message: SendMailOptions) {
  const transport = smtpTransport(config);
  if (!transport) throw new Error('SMTP_URL is not set');
  return transport.sendMail(message);
}

/**
 * Tandem's own email to its users (notifications). Returns false when no SMTP server is
 * configured: the message is not sent and the caller says so.
 */
export async function sendMail(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'smtpConnections'>, message: MailMessage): Promise<boolean> {
  if (!config.smtpUrl) return false;
  await sendRaw(config, { from: config.mailFrom, to: message.to, subject: message.subject, text: message.text });
  return true;
}
