// The settings sections as route pages: each reads the project key from the URL.
import { useParams } from "react-router";
import { ProjectDetails } from "./components/ProjectDetailsForm";
import { WebhooksPage } from "./webhooks/WebhooksPage";
import { WorkflowEditor } from "./workflow/WorkflowEditor";

export function DetailsPage() {
  return <ProjectDetails projectKey={useParams().key ?? ""} />;
}

export function WorkflowPage() {
  return <WorkflowEditor projectKey={useParams().key ?? ""} />;
}

export function WebhooksSettingsPage() {
  return <WebhooksPage projectKey={useParams().key ?? ""} />;
}
