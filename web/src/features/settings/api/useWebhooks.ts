import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { settingsKeys } from "./keys";

export type Webhook = components["schemas"]["WebhookOut"];
export type WebhookIn = components["schemas"]["WebhookIn"];
export type WebhookDelivery = components["schemas"]["WebhookDeliveryOut"];

/** The project's webhooks with how their deliveries went (admins). */
export function useWebhooks(key: string, enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.webhooks(key),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/projects/{key}/webhooks", { params: { path: { key } }, signal })).items,
    enabled,
  });
}

export function useCreateWebhook(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: WebhookIn): Promise<Webhook> =>
      unwrap(await api.POST("/api/v1/projects/{key}/webhooks", { params: { path: { key } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.webhooks(key) }),
  });
}

export function useDeleteWebhook(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<void> => {
      unwrap(
        await api.DELETE("/api/v1/projects/{key}/webhooks/{webhook_id}", { params: { path: { key, webhook_id: id } } }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.webhooks(key) }),
  });
}

/** A webhook's latest deliveries, newest first. */
export function useDeliveries(key: string, webhookId: string) {
  return useQuery({
    queryKey: settingsKeys.deliveries(key, webhookId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/webhooks/{webhook_id}/deliveries", {
          params: { path: { key, webhook_id: webhookId }, query: { limit: 20 } },
          signal,
        }),
      ).items,
  });
}
