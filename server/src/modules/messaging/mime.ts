import { createHash, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * The MIME message of a send, built directly — multipart/alternative with a quoted-printable
 * text and HTML part — and signed with DKIM (RFC 6376, rsa-sha256, relaxed/relaxed). A generic
 * MIME library spends about a millisecond per message on streams and options this one shape
 * does not need; at thousands of messages a second that is the whole CPU budget.
 */
export interface OutgoingMessage {
  from: { name: string | null; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

export interface DkimKey {
  domain: string;
  selector: string;
  key: KeyObject;
}

const hex = '0123456789ABCDEF';

/** Quoted-printable (RFC 2045): lines of at most 76 characters, CRLF line breaks kept. */
export function quotedPrintable(input: string): string {
  const bytes = Buffer.from(input.replace(/\r?\n/g, '\r\n'), 'utf8');
  let out = '';
  let line = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 13 && bytes[i + 1] === 10) {
      // Whitespace at the end of a line would be lost in transit: encode it.
      const last = line.charCodeAt(line.length - 1);
      if (last === 32 || last === 9) line = `${line.slice(0, -1)}=${hex[last >> 4]}${hex[last & 15]}`;
      out += `${line}\r\n`;
      line = '';
      i++;
      continue;
    }
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 || byte === 9;
    const chunk = literal ? String.fromCharCode(byte) : `=${hex[byte >> 4]}${hex[byte & 15]}`;
    if (line.length + chunk.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += chunk;
  }
  const last = line.charCodeAt(line.length - 1);
  if (last === 32 || last === 9) line = `${line.slice(0, -1)}=${hex[last >> 4]}${hex[last & 15]}`;
  return out + line;
}

/**
 * A header value: as it is when it is printable ASCII, else RFC 2047 encoded words of at most
 * 45 bytes of text each (75 characters encoded), never splitting a character.
 */
function encodeWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    if (Buffer.byteLength(chunk + character) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function address(from: OutgoingMessage['from']): string {
  if (!from.name) return from.address;
  const name = /^[\w .-]*$/.test(from.name) ? from.name : encodeWord(from.name.replace(/"/g, ''));
  return `${name.startsWith('=?') ? name : `"${name}"`} <${from.address}>`;
}

/** Relaxed header canonicalisation: lower-case name, unfolded, runs of whitespace as one space. */
function relaxedHeader(name: string, value: string): string {
  return `${name.toLowerCase()}:${value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
}

/** Relaxed body canonicalisation: no trailing whitespace, runs of whitespace as one space, no trailing empty lines. */
function relaxedBody(body: string): string {
  const canonical = body.replace(/[ \t]+\r\n/g, '\r\n').replace(/[ \t]+/g, ' ').replace(/(\r\n)+$/, '');
  return canonical ? `${canonical}\r\n` : '';
}

export function buildMessage(message: OutgoingMessage, dkim: DkimKey | null): Buffer {
  const boundary = `=_tandem_${randomBytes(12).toString('hex')}`;
  const headers: [string, string][] = [
    ['From', address(message.from)],
    ['To', message.to],
    ['Subject', encodeWord(message.subject)],
    ['Date', message.date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', message.messageId],
    ['MIME-Version', '1.0'],
    ...Object.entries(message.headers),
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  const body = [
    `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(message.text),
    `--${boundary}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(message.html),
    `--${boundary}--`, '',
  ].join('\r\n');
  if (dkim) headers.unshift(['DKIM-Signature', dkimSignature(headers, body, dkim, message.date)]);
  return Buffer.from(`${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`, 'utf8');
}

function dkimSignature(headers: [string, string][], body: string, dkim: DkimKey, date: Date): string {
  const bodyHash = createHash('sha256').update(relaxedBody(body)).digest('base64');
  const signed = headers.filter(([name]) => name !== 'MIME-Version');
  const value = `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${dkim.domain}; s=${dkim.selector}; t=${Math.floor(date.getTime() / 1000)}; `
    + `h=${signed.map(([name]) => name.toLowerCase()).join(':')}; bh=${bodyHash}; b=`;
  const data = `${signed.map(([name, headerValue]) => relaxedHeader(name, headerValue)).join('\r\n')}\r\n${relaxedHeader('DKIM-Signature', value)}`;
  return value + sign('sha256', Buffer.from(data), dkim.key).toString('base64');
}
