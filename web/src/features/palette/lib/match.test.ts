import { describe, expect, it } from "vitest";
import { matchingCommands } from "./commands";
import { MatchScore, matchScore, rankByText } from "./match";

describe("matchScore", () => {
  it("ranks a prefix over word prefixes over letters in order, ignoring case", () => {
    expect(matchScore("Go to board", "GO TO B")).toBe(MatchScore.Prefix);
    expect(matchScore("Go to board", "to bo")).toBe(MatchScore.WordPrefix);
    expect(matchScore("Go to board", "board")).toBe(MatchScore.WordPrefix);
    expect(matchScore("Go to board", "gtb")).toBe(MatchScore.Subsequence);
    expect(matchScore("Go to board", "bog")).toBeNull();
  });

  it("wants typed words in the name's order", () => {
    expect(matchScore("Notification settings", "not set")).toBe(MatchScore.WordPrefix);
    expect(matchScore("Notification settings", "set not")).toBeNull();
  });

  it("matches everything when nothing is typed", () => {
    expect(matchScore("API tokens", "  ")).toBe(MatchScore.Prefix);
  });
});

describe("rankByText", () => {
  const projects = [
    { key: "OPS", name: "Operations" },
    { key: "WEB", name: "Web platform" },
    { key: "MOB", name: "Mobile web app" },
  ];
  const names = (project: { key: string; name: string }) => [project.key, project.name];

  it("keeps the matches only, best first, equals in their order", () => {
    expect(rankByText(projects, "web", names).map((project) => project.key)).toEqual(["WEB", "MOB"]);
    expect(rankByText(projects, "p", names).map((project) => project.key)).toEqual(["WEB", "OPS", "MOB"]);
    expect(rankByText(projects, "", names)).toEqual(projects);
    expect(rankByText(projects, "xyz", names)).toEqual([]);
  });
});

describe("matchingCommands", () => {
  it("offers the project's pages only inside a project", () => {
    expect(matchingCommands(null, "go to").map((command) => command.label)).toEqual(["Go to projects"]);
    const inProject = matchingCommands("WEB", "go to b").map((command) => command.label);
    expect(inProject).toEqual(["Go to board", "Go to backlog"]);
  });

  it("finds actions by their other words, and creates issues in the current project", () => {
    expect(matchingCommands("WEB", "new")).toEqual([
      { id: "create-issue", label: "Create issue", keywords: ["new issue", "add"], createIssueIn: "WEB" },
    ]);
    expect(matchingCommands(null, "tokens").map((command) => command.id)).toEqual(["api-tokens"]);
  });
});
