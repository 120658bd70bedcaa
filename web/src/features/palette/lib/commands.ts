// The palette's actions: what the user can do from anywhere, and in the current project.
import { rankByText } from "./match";

/** An action of the palette: a page to go to, or the create-issue dialog to open. */
export type Command = {
  id: string;
  label: string;
  /** Other words the action is found by. */
  keywords: string[];
} & ({ to: string } | { createIssueIn: string | null });

/** The actions on offer, those of the project first when a page of one is shown. */
export function commandsFor(project: string | null): Command[] {
  const projectPages =
    project === null
      ? []
      : (
          [
            ["board", "Go to board", ["sprint", "columns"]],
            ["backlog", "Go to backlog", ["plan", "sprints"]],
            ["issues", "Go to issues", ["list", "search"]],
            ["reports", "Go to reports", ["charts", "burndown", "velocity"]],
            ["settings", "Go to settings", ["project", "workflow", "webhooks"]],
          ] as const
        ).map(([page, label, keywords]) => ({
          id: `go-${page}`,
          label,
          keywords: [...keywords],
          to: `/projects/${project}/${page}`,
        }));
  return [
    { id: "create-issue", label: "Create issue", keywords: ["new issue", "add"], createIssueIn: project },
    ...projectPages,
    { id: "go-projects", label: "Go to projects", keywords: ["home", "all projects"], to: "/projects" },
    { id: "notifications", label: "Notifications", keywords: ["inbox", "mentions"], to: "/notifications" },
    {
      id: "notification-settings",
      label: "Notification settings",
      keywords: ["email", "preferences"],
      to: "/settings/notifications",
    },
    { id: "api-tokens", label: "API tokens", keywords: ["personal access tokens", "keys"], to: "/settings/tokens" },
  ];
}

/** The actions `text` matches, best first. */
export function matchingCommands(project: string | null, text: string): Command[] {
  return rankByText(commandsFor(project), text, (command) => [command.label, ...command.keywords]);
}
