import { isUnknown, Plain, Unknown, UNKNOWN } from "./values";

export type ScopeLevel = "root" | "management-group" | "subscription" | "resource-group" | "resource" | "unrecognised";

/** Where an Azure scope sits in the hierarchy; ids are case-insensitive and may end in slashes. */
export function scopeLevel(scope: Plain): ScopeLevel | Unknown {
    if (isUnknown(scope)) return UNKNOWN;
    if (typeof scope !== "string") return "unrecognised";
    const parts = scope.trim().toLowerCase().split("/").filter((p) => p !== "");
    if (parts.length === 0) return "root";
    if (parts[0] === "providers") {
        return parts[1] === "microsoft.management" && parts[2] === "managementgroups" && parts.length === 4
            ? "management-group"
            : "unrecognised";
    }
    if (parts[0] !== "subscriptions" || parts.length < 2) return "unrecognised";
    if (parts.length === 2) return "subscription";
    if (parts[2] === "resourcegroups" && parts.length === 4) return "resource-group";
    return parts.length > 4 ? "resource" : "unrecognised";
}

/** Scopes that reach beyond one resource group. */
export const ABOVE_RESOURCE_GROUP: readonly ScopeLevel[] = ["root", "management-group", "subscription"];
