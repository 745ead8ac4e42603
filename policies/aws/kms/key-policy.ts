import type { CheckContext, ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { allowsEveryone, CALLER_KEYS } from "../../lib/aws/conditions";
import { grantsAction, isPublicPrincipal, Statement } from "../../lib/iam-document";
import { forEachAllowStatement } from "../../lib/aws/documents";
import { KEY_POLICY_HOLDERS, keyPolicyDocument } from "../../lib/aws-kms-key";
import { wildcardMatch } from "../../lib/wildcard";
import { isUnknown, Plain, Unknown, UNKNOWN } from "../../lib/values";

/** Actions that change who controls the key or destroy it. */
export const KMS_ADMIN_ACTIONS = [
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:DeleteImportedKeyMaterial",
    "kms:UpdateKeyDescription",
    "kms:DeleteAlias",
];
/** Actions that use the key on data. */
export const KMS_USAGE_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair"];

/** In a key policy, a caller-account condition also confines Principal "*" (the pattern AWS-managed key policies use). */
const KEY_POLICY_RESTRICTING_KEYS = [...CALLER_KEYS, "kms:calleraccount"];

const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/i;

interface Config {
    keyAdministrators: string[];
}

type Ctx = CheckContext<Config>;

function grantsAny(s: Statement, actions: readonly string[]): boolean | Unknown {
    let unknown = false;
    for (const a of actions) {
        const g = grantsAction(s, a);
        if (g === true) return true;
        if (isUnknown(g)) unknown = true;
    }
    return unknown ? UNKNOWN : false;
}

/** Every KMS action: `kms:*`, `*` or a wider pattern, or NotAction. */
function grantsAllKms(s: Statement): boolean | Unknown {
    if (s.notActions !== undefined) return isUnknown(s.notActions) ? UNKNOWN : true;
    if (s.actions === undefined) return false;
    if (isUnknown(s.actions)) return UNKNOWN;
    return s.actions.some((a) => wildcardMatch(a, "kms:*"));
}

/** The principals a statement names as `kind:value`, or UNKNOWN when any of them is unknown at preview. */
function principals(s: Statement): string[] | Unknown {
    if (s.principal === undefined) return [];
    if (isUnknown(s.principal)) return UNKNOWN;
    const out: string[] = [];
    for (const [kind, values] of Object.entries(s.principal)) {
        if (isUnknown(values)) return UNKNOWN;
        for (const v of values) out.push(`${kind}:${v}`);
    }
    return out;
}

function checkDocument(doc: Plain, path: string, ctx: Ctx): void {
    const trusted = (p: string) => {
        const value = p.slice(p.indexOf(":") + 1);
        return (p.startsWith("AWS:") && ACCOUNT_ROOT.test(value)) || ctx.config.keyAdministrators.some((a) => wildcardMatch(a, value));
    };
    const admin = new Map<string, string>();
    const usage = new Map<string, string>();
    const flagged = new Set<string>();
    forEachAllowStatement([{ at: path, doc }], ctx, (s, at) => {
        const open = allowsEveryone(s, KEY_POLICY_RESTRICTING_KEYS);
        if (open === true) return ctx.fail({ problem: 'Allow to Principal "*" (or NotPrincipal) without a condition that restricts the caller', at, fix: "name the principals that may use or administer the key" });
        if (isUnknown(open)) return ctx.unverified(at);
        // Principal "*" confined by a caller condition: not a key administrator or user to judge below.
        if (s.notPrincipal !== undefined || isPublicPrincipal(s.principal) !== false) return;
        const who = principals(s);
        const all = grantsAllKms(s);
        const isAdmin = grantsAny(s, KMS_ADMIN_ACTIONS);
        const isUsage = grantsAny(s, KMS_USAGE_ACTIONS);
        if (isUnknown(who)) {
            // Could be the account root: only say that it could not be checked.
            if (all !== false || (isAdmin !== false && isUsage !== false)) ctx.unverified(`${at}.Principal`);
            return;
        }
        const untrusted = who.filter((p) => !trusted(p));
        if (untrusted.length === 0) return;
        if (all === true) {
            ctx.fail({ problem: "kms:* is granted to a principal other than the account root or a configured key administrator", at, fix: "grant the key's usage actions to workloads and its administration actions to a separate admin role" });
            untrusted.forEach((p) => flagged.add(p));
            return;
        }
        if (isUnknown(all) || isUnknown(isAdmin) || isUnknown(isUsage)) ctx.unverified(`${at}.Action`);
        for (const p of untrusted) {
            if (isAdmin === true && !admin.has(p)) admin.set(p, at);
            if (isUsage === true && !usage.has(p)) usage.set(p, at);
        }
    });
    for (const [p, adminAt] of admin) {
        const usageAt = usage.get(p);
        if (usageAt === undefined || flagged.has(p)) continue;
        const where = adminAt === usageAt ? adminAt : `${adminAt} and ${usageAt}`;
        ctx.fail({
            problem: "one principal both administers the key (policy, deletion, disabling) and uses it on data",
            at: where,
            fix: "give key administration and key usage to different principals so that nobody can both change the key's policy and decrypt PHI",
        });
    }
}

export const awsKmsKeyPolicy: ResourceControl<Config> = {
    id: "aws-kms-key-policy",
    title: "KMS key policies are narrow and separate administration from use",
    cloud: "aws",
    category: "key-management",
    severity: "high",
    hipaa: [inferred("164.312(a)(2)(iv)")],
    description:
        'A key policy must not allow Principal "*" without a restricting condition, must grant kms:* only to the account root or configured key administrators, and must not let one principal both administer the key and use it. Whoever can change a key policy and decrypt can read every record the key protects and hide that they could.',
    remediation:
        "Write the key policy with one statement for the account root (kms:*), one for key administrators (kms:Create*, Describe*, Enable*, List*, Put*, Update*, Revoke*, Disable*, Get*, Delete*, ScheduleKeyDeletion, CancelKeyDeletion) and one for the workloads that use the key (kms:Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*, DescribeKey), with no principal in both.",
    unknowns: "A policy document, Effect, Action or Principal unknown at preview is reported as unverified (an unknown principal may be the account root); a document that cannot be parsed is a violation.",
    config: {
        keyAdministrators: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Principal ARNs (wildcards allowed) that may hold kms:* and both administration and usage, like the account root: break-glass key administrator roles.",
        },
    },
    types: KEY_POLICY_HOLDERS,
    checkResource(resource, ctx) {
        const { at, doc } = keyPolicyDocument(resource);
        // A Key without a policy gets the default one: kms:* for the account root only.
        if (doc === undefined || doc === null || doc === "") return;
        checkDocument(doc, at, ctx);
    },
};
