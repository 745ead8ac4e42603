import { RESOURCE_POLICY_PROPS } from "./aws/rights";
import { canonicalType, types } from "./type-tokens";
import { isUnknown, Plain, PlainObject } from "./values";

/** Customer-managed keys from both AWS providers: @pulumi/aws `kms.Key` and aws-native `kms.Key`. */
export const KMS_KEYS = types("aws:kms/key:Key", "aws-native:kms:Key");
/** Resources that hold a key policy: the keys and @pulumi/aws's standalone `kms.KeyPolicy`. */
export const KEY_POLICY_HOLDERS = types(...KMS_KEYS.canonical, "aws:kms/keyPolicy:KeyPolicy");

/** A key's (or KeyPolicy's) policy document with its property: `policy` (a JSON string) or aws-native `keyPolicy` (an object). */
export function keyPolicyDocument(r: { type: string; props: PlainObject }): { at: string; doc: Plain } {
    const at = RESOURCE_POLICY_PROPS[canonicalType(r.type)] ?? "policy";
    return { at, doc: r.props[at] };
}

/** The property that holds a key's deletion waiting period: `deletionWindowInDays`, aws-native `pendingWindowInDays`. */
export const deletionWindowProp = (type: string): string => (type.startsWith("aws-native:") ? "pendingWindowInDays" : "deletionWindowInDays");

/** AWS-managed keys are named alias/aws/<service>, alone or in an alias ARN. */
const AWS_MANAGED_ALIAS = /(^|[:/])alias\/aws\//i;

/**
 * Whether a key reference names a customer-managed key. An id unknown at preview is a key created
 * in the same update, so it counts as one; a missing id or an AWS-managed alias does not.
 */
export function customerKeyProblem(key: Plain): "missing" | "aws-managed" | undefined {
    if (isUnknown(key)) return undefined;
    if (typeof key !== "string" || key.trim() === "") return "missing";
    return AWS_MANAGED_ALIAS.test(key.trim()) ? "aws-managed" : undefined;
}
