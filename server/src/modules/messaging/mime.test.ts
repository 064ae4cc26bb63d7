import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMessage, quotedPrintable } from './mime.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

describe('the MIME message of a send', () => {
  it('encodes quoted-printable in lines of at most 76 characters that decode to the original', () => {
    const text = `Hyvää päivää — ${'a long line '.repeat(20)}\nand a line with trailing space \n= sign =`;
    const encoded = quotedPrintable(text);
    expect(encoded.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    const decoded = Buffer.from(encoded.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`).replace(/%(?![0-9A-F]{2})/g, '%25'), 'latin1').toString();
    expect(decodeURIComponent(decoded)).toBe(text.replace(/\n/g, '\r\n'));
  });

  it('is read back by a mail parser as sent, and its DKIM signature verifies', async () => {
    const raw = buildMessage({
      from: { name: 'Äcme Öy', address: 'news@mail.acme.example' }, to: 'anna@example.com', subject: 'Tervetuloa, Anna — uutiset ovat täällä ja ne ovat pitkiä 🎉',
      html: `<p>Hei Anna,</p>${'<p>   spaced    text   </p>'.repeat(40)}`, text: 'Hei Anna,\n\nspaced text', messageId: '<m1@mail.acme.example>',
      date: new Date('2026-11-22T10:00:00Z'), headers: { 'List-Unsubscribe': '<https://t.example/u/x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    }, { domain: 'mail.acme.example', selector: 's1', key: privateKey });
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Tervetuloa, Anna — uutiset ovat täällä ja ne ovat pitkiä 🎉');
    expect(parsed.from?.value[0]).toEqual({ name: 'Äcme Öy', address: 'news@mail.acme.example' });
    expect(parsed.text?.trim()).toBe('Hei Anna,\n\nspaced text');
    expect(parsed.html).toContain('<p>   spaced    text   </p>');
    const verified = await dkimVerify(raw, { resolver: async (name: string) => (name === 's1._domainkey.mail.acme.example' ? [[record]] : []) } as never);
    expect(verified.results[0]).toMatchObject({ signingDomain: 'mail.acme.example', status: { result: 'pass' } });
  });
});
