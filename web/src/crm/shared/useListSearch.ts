import { useSearchParams } from 'react-router';

/** List filters live in the URL, so a filtered list can be bookmarked, shared and reached with Back. */
export function useListSearch() {
  const [, setSearch] = useSearchParams();
  const setParam = (key: string, value: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const setView = (view: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (view) next.set('view', view);
        else next.delete('view');
        return next;
      },
    );
  return { setParam, setView };
}
