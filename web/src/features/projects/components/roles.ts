import type { Role } from "../api/useMembers";

/** Roles from most to least rights, with what each may do. */
export const ROLES: readonly { role: Role; label: string }[] = [
  { role: "owner", label: "Owner" },
  { role: "admin", label: "Admin" },
  { role: "member", label: "Member" },
  { role: "viewer", label: "Viewer" },
];

/** Whether a role is an owner or admin: they manage members and sprints, and may override WIP limits. */
export function isAdmin(role: Role | null | undefined): boolean {
  return role === "owner" || role === "admin";
}

/** Whether a role may invite, re-role and remove members. */
export const managesMembers = isAdmin;

/** The roles a manager may hand out: only owners make owners. */
export function assignableRoles(managerRole: Role | null | undefined): readonly { role: Role; label: string }[] {
  return managerRole === "owner" ? ROLES : ROLES.filter((entry) => entry.role !== "owner");
}

/** A role as people read it: "Admin". */
export function roleLabel(role: Role): string {
  return ROLES.find((entry) => entry.role === role)?.label ?? role;
}
