/**
 * Calls onNavigate(previousUrl) when a single-page app moves to another path or query:
 * pushState and replaceState are wrapped because they fire no event, popstate covers the
 * back and forward buttons. A change of the hash alone is not a new page.
 */
export function watchNavigation(onNavigate: (previousUrl: string) => void): void {
  const pageKey = () => location.pathname + location.search;
  let lastKey = pageKey();
  let lastUrl = location.href;

  function check(): void {
    const previousUrl = lastUrl;
    lastUrl = location.href;
    if (pageKey() === lastKey) return;
    lastKey = pageKey();
    onNavigate(previousUrl);
  }

  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      check();
    };
  }
  addEventListener('popstate', check);
}
