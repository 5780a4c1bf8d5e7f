import { useSearchParams } from 'react-router';
import { pageFromParams } from './shared.ts';

/** The page of a long list kept in the address (`?seite=`), so it survives reloads and the back button. */
export function usePage(pageSize: number) {
  const [params, setParams] = useSearchParams();
  const offset = (pageFromParams(params) - 1) * pageSize;

  function showOffset(next: number) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('seite', String(next / pageSize + 1));
        return updated;
      },
      { preventScrollReset: true },
    );
  }

  return { params, setParams, offset, showOffset };
}
