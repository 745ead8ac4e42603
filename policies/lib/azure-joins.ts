import type { StackResource, StackIndex } from "./stack-index";
import { asList, at, isObject, Plain } from "./values";

/**
 * Joins of Azure companion resources (a flow log, a private endpoint, an auditing policy, auth
 * settings) to the resources they configure. propertyDependencies decide when the program wired
 * the reference through an output; otherwise a literal id or name is matched against the
 * targets' own id and name arguments, case-insensitively as Azure compares them.
 */

/** Arguments that hold an Azure resource's own name, by the SDK's naming of each type. */
const NAME_KEYS = ["name", "serverName", "accountName", "vaultName", "networkSecurityGroupName", "virtualNetworkName"];

/** The reference strings a companion holds in `prop`: a string, a list of strings, or `field` of listed objects. */
export function referenceStrings(v: Plain, field?: string): string[] {
    const list = asList(v);
    if (!Array.isArray(list)) return [];
    const out: string[] = [];
    for (const item of list) {
        const value = field && isObject(item) ? at(item, field) : item;
        if (typeof value === "string" && value.trim() !== "") out.push(value.trim().toLowerCase());
    }
    return out;
}

function identities(r: StackResource): string[] {
    const out: string[] = [];
    for (const key of ["id", ...NAME_KEYS]) {
        const v = r.props[key];
        if (typeof v === "string" && v.trim() !== "") out.push(v.trim().toLowerCase());
    }
    return out;
}

/**
 * Groups `companions` by the target each references through `prop` (target urn -> companions).
 * `field` names the reference inside a list of objects (privateLinkServiceConnections[].privateLinkServiceId).
 */
export function companionsOf(
    stack: StackIndex,
    companions: readonly StackResource[],
    prop: string,
    targets: readonly StackResource[],
    field?: string,
): Map<string, StackResource[]> {
    const targetUrns = new Set(targets.map((t) => t.urn));
    let byIdentity: Map<string, StackResource> | undefined;
    const out = new Map<string, StackResource[]>();
    const add = (target: StackResource, c: StackResource) => {
        const list = out.get(target.urn);
        if (!list) out.set(target.urn, [c]);
        else if (!list.includes(c)) list.push(c);
    };
    for (const c of companions) {
        const urns = c.propertyDependencies[prop];
        if (urns && urns.length > 0) {
            for (const urn of urns) {
                const target = stack.get(urn);
                if (target && targetUrns.has(urn)) add(target, c);
            }
            continue;
        }
        if (!byIdentity) {
            byIdentity = new Map();
            for (const t of targets) for (const id of identities(t)) if (!byIdentity.has(id)) byIdentity.set(id, t);
        }
        for (const ref of referenceStrings(c.props[prop], field)) {
            const target = byIdentity.get(ref);
            if (target && target !== c) add(target, c);
        }
    }
    return out;
}
