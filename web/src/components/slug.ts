/** `Spring webinar 2026!` → `spring-webinar-2026`: lower-case letters and digits joined by dashes, at most `maxLength`. */
export function slugFromName(name: string, maxLength: number): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
