import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { CreateProjectForm } = await import("./CreateProjectForm");

afterEach(() => {
  fake.reset();
});

function renderForm(onCreated = vi.fn()) {
  renderRoute([{ path: "/", element: <CreateProjectForm onCreated={onCreated} /> }], "/");
  return onCreated;
}

describe("creating a project", () => {
  it("suggests a key from the name until the user types their own", async () => {
    const user = userEvent.setup();
    renderForm();
    await user.type(screen.getByLabelText("Name"), "Web Platform");
    const key = screen.getByLabelText("Key");
    expect(key).toHaveValue("WP");

    await user.clear(key);
    await user.type(key, "web-app");
    expect(key).toHaveValue("WEBAPP");
    await user.type(screen.getByLabelText("Name"), " Team");
    expect(key).toHaveValue("WEBAPP");
  });

  it("sends the suggested key and shows the API's complaint about it next to the field", async () => {
    const user = userEvent.setup();
    fake.on("POST /api/v1/projects", {
      status: 409,
      body: { title: "Conflict", status: 409, detail: "the key is taken", errors: [{ field: "key", message: "WP is taken" }] },
    });
    const onCreated = renderForm();
    await user.type(screen.getByLabelText("Name"), "Web Platform");
    await user.click(screen.getByRole("button", { name: "Create project" }));

    expect(await screen.findByText("WP is taken")).toBeInTheDocument();
    expect(screen.getByLabelText("Key")).toHaveAccessibleDescription(expect.stringContaining("WP is taken"));
    expect(screen.getByLabelText("Name")).toHaveValue("Web Platform");
    expect(onCreated).not.toHaveBeenCalled();
    const sent: unknown = await fake.requests[0]?.clone().json();
    expect(sent).toMatchObject({ name: "Web Platform", key: "WP" });
  });
});
