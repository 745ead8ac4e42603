import type { StackIndex, StackResource } from "./stack-index";
import { canonicalType } from "./type-tokens";
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

/** What an unknown scope is, judged by the type of the resource whose id it was taken from. */
const SCOPE_OF_SOURCE: Record<string, ScopeLevel> = {
    "azure-native:resources:ResourceGroup": "resource-group",
    "azure-native:subscription:Alias": "subscription",
    "azure-native:management:ManagementGroup": "management-group",
};

/**
 * The scope level of a property that holds an Azure scope. At preview the id of a resource
 * created in the same stack is unknown, but propertyDependencies say which resource it came from:
 * `scope: resourceGroup.id` is a resource-group scope even before the id exists.
 */
export function resolveScopeLevel(stack: StackIndex, r: StackResource, prop = "scope"): ScopeLevel | Unknown {
    const level = scopeLevel(r.props[prop]);
    if (!isUnknown(level)) return level;
    const sources = stack.linked(r, prop);
    return sources.length === 1 ? scopeLevelOfResource(sources[0]) : UNKNOWN;
}

/** The scope level of a resource's id: a resource group, a subscription, a management group or a resource. */
export function scopeLevelOfResource(source: StackResource): ScopeLevel | Unknown {
    const type = canonicalType(source.type);
    if (SCOPE_OF_SOURCE[type]) return SCOPE_OF_SOURCE[type];
    // Any other Azure resource's id is a resource scope, below its resource group.
    return type.startsWith("azure-native:") && !type.startsWith("azure-native:authorization:") ? "resource" : UNKNOWN;
}
