// Query keys of the settings pages.
export const settingsKeys = {
  statusCounts: (project: string) => ["settings", project, "status-counts"] as const,
  webhooks: (project: string) => ["settings", project, "webhooks"] as const,
  deliveries: (project: string, webhook: string) => ["settings", project, "webhooks", webhook, "deliveries"] as const,
  tokens: ["me", "tokens"] as const,
};
