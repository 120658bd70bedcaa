// The caller's inbox and notification settings: query options and mutations, sharing
// one set of keys so marking read updates the bell, the panel and the page together.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";

export type Notification = components["schemas"]["NotificationOut"];
export type NotificationSettings = components["schemas"]["NotificationSettings"];
export type Channels = components["schemas"]["Channels"];

export const notificationKeys = {
  all: ["notifications"] as const,
  recent: ["notifications", "recent"] as const,
  pages: (unread: boolean) => ["notifications", "pages", unread] as const,
  settings: ["notification-settings"] as const,
};

/** How often the unread count is asked for when no live event says it changed. */
export const UNREAD_POLL_MS = 30_000;

export const recentNotificationsQuery = queryOptions({
  queryKey: notificationKeys.recent,
  queryFn: async ({ signal }) =>
    unwrap(await api.GET("/api/v1/me/notifications", { params: { query: { limit: 10 } }, signal })).items,
});

export const notificationPagesQuery = (unread: boolean) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.pages(unread),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/me/notifications", {
          params: { query: { unread, limit: 25, ...(pageParam === null ? {} : { cursor: pageParam }) } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.next_cursor,
  });

export const notificationSettingsQuery = queryOptions({
  queryKey: notificationKeys.settings,
  queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/me/notification-settings", { signal })),
});

/** Mark some notifications read (`ids`), or all of them (`"all"`). */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (which: string[] | "all") => {
      unwrap(
        await api.POST("/api/v1/me/notifications/read", {
          body: which === "all" ? { all: true } : { ids: which },
        }),
      );
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: notificationKeys.all }),
        client.invalidateQueries({ queryKey: ["me"], exact: true }),
      ]),
  });
}

/** Save the channels of every kind. */
export function useSaveNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (settings: NotificationSettings) =>
      unwrap(await api.PUT("/api/v1/me/notification-settings", { body: settings })),
    onSuccess: (saved) => { client.setQueryData(notificationKeys.settings, saved); },
  });
}
