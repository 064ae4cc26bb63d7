import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const transports = new Map<string, Transporter>();

/**
 * Tandem's own email to its users (notifications), through the SMTP server in SMTP_URL.
 * One transport per URL, made on first use. Returns false when no SMTP server is
 * configured: the message is not sent and the caller says so.
 */
export async function sendMail(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, message: MailMessage): Promise<boolean> {
  if (!config.smtpUrl) return false;
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, transport);
  }
  await transport.sendMail({ from: config.mailFrom, to: message.to, subject: message.subject, text: message.text });
  return true;
}
