import { useState } from "react";
import { useNavigate } from "react-router";
import { Dialog } from "../../../components/Dialog";
import { CreateProjectForm } from "./CreateProjectForm";

/** "New project", opening the create dialog; the new project opens once made. */
export function NewProjectButton({ primary = false }: { primary?: boolean }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <button
        type="button"
        className={primary ? "primary" : undefined}
        onClick={() => {
          setOpen(true);
        }}
      >
        New project
      </button>
      <Dialog
        open={open}
        title="New project"
        onClose={() => {
          setOpen(false);
        }}
      >
        <CreateProjectForm
          onCreated={(project) => {
            setOpen(false);
            void navigate(`/projects/${project.key}`);
          }}
        />
      </Dialog>
    </>
  );
}
