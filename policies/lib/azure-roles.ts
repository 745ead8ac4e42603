import { types } from "./type-tokens";
import { isUnknown, Plain, Unknown, UNKNOWN } from "./values";

export const ROLE_ASSIGNMENTS = types("azure-native:authorization:RoleAssignment");

/** Built-in Azure roles that matter for PHI access, by role definition GUID. */
export const BUILT_IN_ROLES = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": { name: "Owner", privileged: true },
    "b24988ac-6180-42a0-ab88-20f7382dd24c": { name: "Contributor", privileged: true },
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": { name: "User Access Administrator", privileged: true },
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": { name: "Role Based Access Control Administrator", privileged: true },
} as const;

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/*$/i;

/** The GUID of a role definition given as a bare GUID or a full resource id, in any case. */
export function roleDefinitionGuid(id: Plain): string | undefined | Unknown {
    if (isUnknown(id)) return UNKNOWN;
    if (typeof id !== "string") return undefined;
    const m = GUID.exec(id.trim());
    return m ? m[1].toLowerCase() : undefined;
}

export function builtInRole(guid: string): { name: string; privileged: boolean } | undefined {
    return (BUILT_IN_ROLES as Record<string, { name: string; privileged: boolean }>)[guid];
}
