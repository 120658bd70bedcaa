import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { members } from "../test/fixtures";
import { MentionTextarea } from "./MentionTextarea";

function Box() {
  const [value, setValue] = useState("");
  return <MentionTextarea label="New comment" value={value} members={members} onChange={setValue} />;
}

describe("mention suggestions while typing", () => {
  it("lists matching members after @ and inserts the chosen one with the keyboard", async () => {
    render(<Box />);
    const user = userEvent.setup();
    const box = screen.getByLabelText("New comment");
    await user.type(box, "Thanks @ann");
    const options = screen.getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Ann Lee (@ann)", "Annika Berg (@annika)"]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(box).toHaveValue("Thanks @annika ");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
  });

  it("offers nothing for an email address", async () => {
    render(<Box />);
    await userEvent.setup().type(screen.getByLabelText("New comment"), "mail bob@exa");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
  });
});
