import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("../../../app/testing/installFakeApi")).installFakeApi());
const { renderRoute } = await import("../../../app/testing/renderRoute");
const { authRoutes } = await import("../routes");

afterEach(() => {
  fake.reset();
});

describe("signing in", () => {
  it("shows the API's field errors next to the fields and keeps what was typed", async () => {
    const user = userEvent.setup();
    fake.on("POST /api/v1/auth/session", {
      status: 422,
      body: {
        title: "Validation failed",
        status: 422,
        detail: "the request is not valid",
        errors: [{ field: "email", message: "value is not a valid email address" }],
      },
    });
    renderRoute(authRoutes, "/sign-in");

    await user.type(screen.getByLabelText("Email"), "ada@example");
    await user.type(screen.getByLabelText("Password"), "not the password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("Email");
    expect(await screen.findByText("value is not a valid email address")).toBeInTheDocument();
    expect(email).toHaveAccessibleDescription("value is not a valid email address");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveValue("ada@example");
    expect(screen.getByLabelText("Password")).toHaveValue("not the password");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says what went wrong when no field is to blame", async () => {
    const user = userEvent.setup();
    fake.on("POST /api/v1/auth/session", {
      status: 401,
      body: { title: "Unauthorized", status: 401, detail: "wrong email or password" },
    });
    renderRoute(authRoutes, "/sign-in");
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("wrong email or password");
  });

  it("goes on to the page that was asked for", async () => {
    const user = userEvent.setup();
    fake.on("POST /api/v1/auth/session", {
      body: { access_token: "token", token_type: "bearer", expires_in: 900 },
    });
    const { router } = renderRoute(
      [...authRoutes, { path: "/projects/:key/members", element: <p>Members page</p> }],
      "/sign-in?next=%2Fprojects%2FWEB%2Fmembers",
    );
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Members page")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/projects/WEB/members");
  });
});
