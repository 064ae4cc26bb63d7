import { useSearchParams } from 'react-router';
import { listParams } from './records';
import { useListSearch } from './useListSearch';

export interface CustomFilter {
  key: string;
  value: string;
}

/** A record list's filters and sort, read from and written to the URL. */
export function useRecordListFilters(defaultSort: string) {
  const [search, setSearch] = useSearchParams();
  const { setParam } = useListSearch();
  const params = listParams(search);
  const sort = search.get('sort') ?? defaultSort;
  const customParam = [...params.keys()].find((key) => key.startsWith('custom.'));
  const customFilter: CustomFilter | null = customParam ? { key: customParam.slice('custom.'.length), value: params.get(customParam)! } : null;
  const hasFilters = [...params.keys()].some((key) => key !== 'sort');

  const setSort = (next: string) => setParam('sort', next === defaultSort ? null : next);
  const clearFilters = () => setSearch(search.get('sort') ? { sort: search.get('sort')! } : {}, { replace: true });
  /** One custom-field filter at a time: a new one replaces the old. */
  const setCustomFilter = (filter: CustomFilter | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const key of [...next.keys()]) if (key.startsWith('custom.')) next.delete(key);
        if (filter) next.set(`custom.${filter.key}`, filter.value);
        return next;
      },
      { replace: true },
    );

  return { search, params, sort, setSort, setParam, hasFilters, clearFilters, customFilter, setCustomFilter };
}
