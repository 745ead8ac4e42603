import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { isPublicPrincipal, parseDocument, Statement } from "../../lib/iam-document";
import { bucketPolicyDocument, S3Buckets, S3_BUCKETS, S3_POLICIES } from "../../lib/aws-s3";
import { wildcardMatch } from "../../lib/wildcard";
import { asBool, asList, isObject, isUnknown, Plain, Unknown, UNKNOWN } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

/**
 * A Deny to everyone of every S3 action when `aws:SecureTransport` is false (Bool or
 * BoolIfExists, value false or "false"), as AWS Config's s3-bucket-ssl-requests-only expects.
 */
export function deniesInsecureTransport(s: Statement): boolean | Unknown {
    if (isUnknown(s.effect) || isUnknown(s.actions) || isUnknown(s.condition)) return UNKNOWN;
    if (s.effect !== "Deny") return false;
    const everyone = isPublicPrincipal(s.principal);
    if (everyone !== true) return everyone;
    if (s.actions === undefined || !s.actions.some((a) => wildcardMatch(a, "s3:*"))) return false;
    if (s.condition === undefined) return false;
    for (const [operator, block] of Object.entries(s.condition)) {
        if (!/^bool(ifexists)?$/i.test(operator)) continue;
        if (isUnknown(block)) return UNKNOWN;
        if (!isObject(block)) continue;
        for (const [key, value] of Object.entries(block)) {
            if (key.toLowerCase() !== "aws:securetransport") continue;
            const values = asList(value);
            if (isUnknown(values)) return UNKNOWN;
            if (values.some((v) => asBool(v) === false)) return true;
            if (values.some((v) => isUnknown(asBool(v)))) return UNKNOWN;
        }
    }
    return false;
}

type PolicyOutcome = "enforced" | "unknown" | "absent" | { invalid: string; at: string; urn: string };

function judge(doc: Plain, at: string, urn: string): PolicyOutcome {
    if (doc === undefined || doc === null || doc === "") return "absent";
    const parsed = parseDocument(doc);
    if (parsed.kind === "unknown") return "unknown";
    if (parsed.kind === "invalid") return { invalid: parsed.reason, at, urn };
    let unknown = false;
    for (const s of parsed.statements) {
        const d = deniesInsecureTransport(s);
        if (d === true) return "enforced";
        if (isUnknown(d)) unknown = true;
    }
    return unknown ? "unknown" : "absent";
}

export const awsS3TlsOnly: StackControl = {
    id: "aws-s3-tls-only",
    title: "S3 buckets holding PHI refuse requests without TLS",
    cloud: "aws",
    judges: unionOf(S3_BUCKETS, S3_POLICIES),
    category: "encryption-in-transit",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(e)(1)")],
    description:
        "A PHI bucket's policy must deny every S3 action to everyone when aws:SecureTransport is false. Without it, clients and misconfigured tools can read or write PHI over plain HTTP.",
    remediation:
        'Add an aws.s3.BucketPolicy with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    unknowns: "A bucket whose policy documents are unknown at preview (and none enforces TLS) is reported as unverified; a document that cannot be parsed is a violation.",
    acrossResources: "Every judgement: a PHI bucket passes through its own policy or any BucketPolicy of the stack that refers to it.",
    checkStack(stack, ctx) {
        const s3 = new S3Buckets(stack);
        for (const bucket of s3.buckets) {
            if (!ctx.isPhi(bucket)) continue;
            const documents = [bucket, ...s3.companions(bucket, "policy")].map((r) => ({ urn: r.urn, ...bucketPolicyDocument(r) }));
            const outcomes = documents.map((d) => judge(d.doc, d.at, d.urn));
            if (outcomes.includes("enforced")) continue;
            for (const o of outcomes) {
                if (typeof o === "object") ctx.fail({ problem: `${o.invalid}, so it cannot be checked`, at: o.at, fix: "supply a valid bucket policy document", urn: o.urn });
            }
            if (outcomes.some((o) => typeof o === "object")) continue;
            if (outcomes.includes("unknown")) ctx.unverified("policy", bucket.urn);
            else ctx.fail({ problem: "no bucket policy denies requests without TLS (aws:SecureTransport false)", at: "policy", urn: bucket.urn });
        }
    },
};
