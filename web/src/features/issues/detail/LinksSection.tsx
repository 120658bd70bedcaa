import { useState } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { FieldError } from "../../../components/FieldError";
import { useAddLink } from "../api/useAddLink";
import { useDeleteLink } from "../api/useDeleteLink";
import { useLinks } from "../api/useLinks";
import { fieldError } from "../lib/errors";
import { LINK_TYPES, linkTypeLabel, type LinkType } from "../types";

/** Links to other issues (blocks, relates to, duplicates…), added and removed here. */
export function LinksSection({ issueKey }: { issueKey: string }) {
  const links = useLinks(issueKey);
  const add = useAddLink(issueKey);
  const remove = useDeleteLink(issueKey);
  const [type, setType] = useState<LinkType>("relates_to");
  const [other, setOther] = useState("");
  return (
    <section className="issue-section" aria-labelledby="links-heading">
      <h2 id="links-heading">Links</h2>
      <ErrorNotice error={links.error ?? remove.error} />
      <ul className="link-list">
        {(links.data ?? []).map((link) => (
          <li key={link.id}>
            <span className="muted">{linkTypeLabel(link.type)}</span>{" "}
            <Link to={`/issues/${link.issue}`}>{link.issue}</Link>
            <button type="button" aria-label={`Remove link to ${link.issue}`} onClick={() => { remove.mutate(link.id); }}>×</button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ type, issue: other.trim().toUpperCase() }, { onSuccess: () => { setOther(""); } });
      }}>
        <select aria-label="Link type" value={type} onChange={(e) => { setType(e.target.value as LinkType); }}>
          {LINK_TYPES.map((t) => <option key={t} value={t}>{linkTypeLabel(t)}</option>)}
        </select>
        <input aria-label="Issue to link" placeholder="Issue key" value={other} required
          aria-describedby="link-issue-error" onChange={(e) => { setOther(e.target.value); }} />
        <button type="submit" disabled={add.isPending}>Link</button>
      </form>
      <FieldError id="link-issue-error" message={fieldError(add.error, "issue")} />
      <ErrorNotice error={add.error} fields={["issue"]} />
    </section>
  );
}
