import type { SensitiveAction } from "./aws-actions";
import { constrainedConditionKeys, coversAllResourcesOf, grantsAction, Statement } from "./iam-document";
import { isUnknown, Unknown, UNKNOWN } from "./values";
import { wildcardMatch } from "./wildcard";

/**
 * Which sensitive actions an Allow statement grants without limit: on every resource of the
 * action's kind and without a condition on one of the action's constraining keys. UNKNOWN when an
 * Action list or Condition block that could decide it is unknown at preview; an unknown Resource
 * is another resource's ARN (see coversAllResourcesOf).
 */
export function unconstrainedGrants(s: Statement, actions: readonly SensitiveAction[]): string[] | Unknown {
    const out: string[] = [];
    let unknown = false;
    let keys: string[] | Unknown | undefined;
    for (const sensitive of actions) {
        const granted = grantsAction(s, sensitive.action);
        if (granted === false) continue;
        if (!coversAllResourcesOf(s, sensitive.resource)) continue;
        keys ??= constrainedConditionKeys(s);
        const constrained = isUnknown(keys) ? UNKNOWN : keys.some((k) => (sensitive.constrainingKeys ?? []).some((p) => wildcardMatch(p, k)));
        if (constrained === true) continue;
        if (isUnknown(granted) || isUnknown(constrained)) unknown = true;
        else out.push(sensitive.action);
    }
    return out.length === 0 && unknown ? UNKNOWN : out;
}
