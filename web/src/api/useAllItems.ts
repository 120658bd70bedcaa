import { useEffect, useMemo } from "react";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";

/**
 * Every item of a paged (infinite) query as one flat list: fetches the remaining pages
 * one after another, and gives `undefined` until the last page is in.
 */
export function useAllItems<T>(
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>,
): T[] | undefined {
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);
  return useMemo(
    () => (data === undefined || hasNextPage ? undefined : data.pages.flatMap((page) => page.items)),
    [data, hasNextPage],
  );
}
