import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { at, isObject, isUnknown, PlainObject } from "./values";

export interface PhiScopeConfig {
    phiScope: "all" | "tagged";
    phiTagKey: string;
    phiTagValues: string[];
}

/** The options every PHI-scoped control takes, so reviewers set the scope the same way everywhere. */
export const PHI_SCOPE_OPTIONS: Record<keyof PhiScopeConfig, PolicyConfigJSONSchema> = {
    phiScope: {
        type: "string",
        enum: ["all", "tagged"],
        default: "all",
        description:
            'Which resources hold PHI: "all" treats every store as PHI; "tagged" only those carrying phiTagKey with one of phiTagValues, or every store when the stack carries that stack tag.',
    },
    phiTagKey: { type: "string", default: "data-classification", description: "Resource or stack tag that marks PHI." },
    phiTagValues: { type: "array", items: { type: "string" }, default: ["phi"], description: "Values of phiTagKey that mean PHI (case-insensitive)." },
};

/**
 * Whether a resource is in PHI scope. An unknown tag value counts as PHI: a scope that cannot be
 * read must not silently exempt a store.
 */
export function isPhi(props: PlainObject, stackTags: ReadonlyMap<string, string>, config: PhiScopeConfig): boolean {
    if (config.phiScope !== "tagged") return true;
    const values = config.phiTagValues.map((v) => v.toLowerCase());
    const stackValue = stackTags.get(config.phiTagKey);
    if (stackValue !== undefined && values.includes(stackValue.toLowerCase())) return true;
    const tags = props.tags;
    if (isUnknown(tags)) return true;
    if (!isObject(tags)) return false;
    const v = at(tags, config.phiTagKey);
    return isUnknown(v) || (typeof v === "string" && values.includes(v.toLowerCase()));
}
