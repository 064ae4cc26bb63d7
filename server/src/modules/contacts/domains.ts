/**
 * Email and web domains: the key that links contacts to companies.
 */

// Mailbox providers: an address at one of these says nothing about the person's employer,
// so it never creates or links a company.
const freeMailDomains = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'hotmail.com', 'hotmail.co.uk', 'outlook.com',
  'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me',
  'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'zoho.com',
  'fastmail.com', 'hey.com', 'tutanota.com', 'qq.com', '163.com', '126.com', 'luukku.com', 'suomi24.fi', 'kolumbus.fi',
  // Placeholders people type when they do not know the address (RFC 2606).
  'example.com', 'example.net', 'example.org',
]);

/** "https://www.Acme.fi/about" → "acme.fi"; null when it is not a domain. */
export function normaliseDomain(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#]/)[0]!.split('@').pop()!.replace(/:\d+$/, '');
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(host) ? host : null;
}

/** The employer domain an email address points to, or null for free-mail addresses. */
export function companyDomainOfEmail(email: string): string | null {
  const domain = normaliseDomain(email.split('@')[1] ?? '');
  return domain && !freeMailDomains.has(domain) ? domain : null;
}

export function isFreeMailDomain(domain: string): boolean {
  return freeMailDomains.has(domain);
}
