import type { CheckContext, StackControl } from "../../control";
import { AccountJudge, accountOfArn } from "../../lib/aws/boundary";
import { isAwsNative, S3_BUCKETS } from "../../lib/aws/stores";
import { s3BucketName } from "../../lib/aws-s3";
import { inferred } from "../../lib/hipaa";
import { groupBy } from "../../lib/stack-index";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { asList, asString, at, isUnknown, Plain } from "../../lib/values";

const REPLICATION_CONFIGS = types("aws:s3/bucketReplicationConfig:BucketReplicationConfig");

/** Where a resource writes its replication rules, and how a rule's destination names its account. */
interface RuleSet {
    /** The top-level property that holds the rules (its propertyDependencies say which buckets they were built from). */
    prop: string;
    /** The path of the rules list, for messages. */
    at: string;
    rules: Plain;
    accountField: "account" | "accountId";
    /** Where a destination holds its replica key: nested in encryptionConfiguration (the standalone resource and aws-native), or on the destination (@pulumi/aws inline blocks). */
    keyPath: "encryptionConfiguration.replicaKmsKeyId" | "replicaKmsKeyId";
}

const NESTED_KEY = "encryptionConfiguration.replicaKmsKeyId";

/**
 * The replication rules of a standalone configuration, of a v7 or aws-native bucket's inline block
 * (aws-native writes CloudFormation's destination: `account`, and the key in encryptionConfiguration),
 * and of a v6 bucket's list.
 */
function ruleSets(r: StackResource): RuleSet[] {
    if (REPLICATION_CONFIGS.has(r.type)) return [{ prop: "rules", at: "rules", rules: r.props.rules, accountField: "account", keyPath: NESTED_KEY }];
    const out: RuleSet[] = [];
    const inline = r.props.replicationConfiguration;
    if (inline !== undefined && inline !== null) {
        const rules = isUnknown(inline) ? inline : at(inline, "rules");
        const native = isAwsNative(r.type);
        out.push({ prop: "replicationConfiguration", at: "replicationConfiguration.rules", rules, accountField: native ? "account" : "accountId", keyPath: native ? NESTED_KEY : "replicaKmsKeyId" });
    }
    const v6 = asList(r.props.replicationConfigurations);
    if (isUnknown(v6)) out.push({ prop: "replicationConfigurations", at: "replicationConfigurations", rules: v6, accountField: "accountId", keyPath: "replicaKmsKeyId" });
    else v6.forEach((c, i) => out.push({ prop: "replicationConfigurations", at: `replicationConfigurations[${i}].rules`, rules: at(c, "rules"), accountField: "accountId", keyPath: "replicaKmsKeyId" }));
    return out;
}

/** The bucket whose objects a resource replicates: the bucket itself, or the configuration's `bucket`. */
function sourceBuckets(stack: StackIndex, r: StackResource): StackResource[] {
    return S3_BUCKETS.has(r.type) ? [r] : stack.linked(r, "bucket").filter((b) => S3_BUCKETS.has(b.type));
}

/** Whether a destination bucket value is one of the stack's own buckets (not the source): by known ARN or name, or built from its outputs. */
/** The stack's buckets by URN, by known ARN and by known name (both in lower case), built once per stack. */
function bucketsOf(stack: StackIndex): { byUrn: Map<string, StackResource>; byArn: Map<string, StackResource[]>; byName: Map<string, StackResource[]> } {
    const buckets = stack.ofType(S3_BUCKETS);
    const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : undefined);
    return {
        byUrn: new Map(buckets.map((b) => [b.urn, b])),
        byArn: groupBy(buckets, (b) => lower(asString(b.props.arn))),
        byName: groupBy(buckets, (b) => lower(s3BucketName(b))),
    };
}

/** Whether a rule's destination is another bucket of the stack than its sources: by dependency when unknown at preview, else by ARN or by the name an ARN ends with. */
function ownBucket(stack: StackIndex, r: StackResource, set: RuleSet, value: string | undefined, sources: StackResource[]): boolean {
    const buckets = stack.derive(bucketsOf);
    const other = (b: StackResource | undefined) => b !== undefined && !sources.includes(b);
    if (value === undefined) return (r.propertyDependencies[set.prop] ?? []).some((urn) => other(buckets.byUrn.get(urn)));
    const v = value.trim().toLowerCase();
    const nameAt = v.lastIndexOf(":s3:::");
    return (buckets.byArn.get(v) ?? []).some(other) || (nameAt >= 0 && (buckets.byName.get(v.slice(nameAt + ":s3:::".length)) ?? []).some(other));
}

function checkRule(stack: StackIndex, r: StackResource, set: RuleSet, rule: Plain, path: string, sources: StackResource[], judge: AccountJudge, ctx: CheckContext<unknown>): void {
    const status = asString(at(rule, "status"));
    if (typeof status === "string" && status.trim().toLowerCase() === "disabled") return;
    const destination = at(rule, "destination");
    if (isUnknown(destination)) return ctx.unverified(`${path}.destination`, r.urn);
    const account = at(destination, set.accountField);
    const bucket = at(destination, "bucket");
    if (isUnknown(account)) ctx.unverified(`${path}.destination.${set.accountField}`, r.urn);
    else if (typeof account === "string" && account.trim() !== "") {
        if (judge.isOutside(account)) {
            ctx.fail({
                problem: `replication copies this PHI bucket's objects into account ${account.trim()}, outside the organisation's boundary`,
                at: `${path}.destination.${set.accountField}`,
                fix: "replicate only into buckets of trusted accounts (trustedAwsAccountIds under phi-guard-settings), or remove the rule",
                urn: r.urn,
            });
        }
    } else if (!ownBucket(stack, r, set, isUnknown(bucket) ? undefined : (asString(bucket) as string | undefined), sources)) {
        if (isUnknown(bucket)) ctx.unverified(`${path}.destination.bucket`, r.urn);
        else {
            ctx.cannotTell(
                `${path}.destination.bucket`,
                `because its owner could not be told: an S3 bucket ARN names no account, and the bucket is not one of this stack's; set destination.${set.accountField} to its account so the boundary can be judged`,
                r.urn,
            );
        }
    }
    checkReplicaKey(destination, set, path, judge, r, ctx);
}

/** Replicas are encrypted with a customer-managed key, held in a trusted account. */
function checkReplicaKey(destination: Plain, set: RuleSet, path: string, judge: AccountJudge, r: StackResource, ctx: CheckContext<unknown>): void {
    const key = at(destination, set.keyPath);
    if (isUnknown(key)) return;
    if (typeof key !== "string" || key.trim() === "") {
        ctx.fail({
            problem: "replicas of this PHI bucket are not encrypted with a customer-managed key of the destination",
            at: `${path}.destination`,
            fix: "set destination.encryptionConfiguration.replicaKmsKeyId to a customer-managed key in the destination account (and sourceSelectionCriteria.sseKmsEncryptedObjects)",
            urn: r.urn,
        });
        return;
    }
    const account = accountOfArn(key);
    if (account !== undefined && judge.isOutside(account)) {
        ctx.fail({
            problem: `replicas are encrypted with a key of account ${account}, outside the organisation's boundary, which can therefore decrypt them`,
            at: `${path}.destination`,
            fix: "encrypt replicas with a customer-managed key held in a trusted account",
            urn: r.urn,
        });
    }
}

export const awsExfilReplication: StackControl = {
    id: "aws-exfil-replication",
    title: "PHI buckets replicate only into trusted accounts, encrypted with a customer-managed key",
    cloud: "aws",
    category: "data-exfiltration",
    severity: "critical",
    phiScoped: true,
    hipaa: [inferred("164.312(c)(1)"), inferred("164.312(e)(1)")],
    description:
        "S3 replication copies every new object of a bucket into the destination, continuously and without any further access check: a rule that points a PHI bucket at a bucket of another account hands that account a live copy of the data. Destinations must be buckets of the organisation's own accounts, and replicas must be encrypted with a customer-managed key held there.",
    remediation:
        "Replicate PHI buckets only into buckets of accounts listed in trustedAwsAccountIds (or the stack's own), name the destination's account in destination.account, and set destination.encryptionConfiguration.replicaKmsKeyId to a customer-managed key of a trusted account.",
    unknowns:
        "A destination, account or bucket unknown at preview is reported as unverified (advisory), except a destination bucket built from one of the stack's own buckets (a propertyDependency), which is the stack's own. A known bucket ARN names no account: when the bucket is not the stack's own and no account is given, the control says the owner could not be told. With no trusted account configured and none shown by the stack, accounts are not judged and the control says so once for the stack.",
    acrossResources:
        "The source bucket's PHI classification (through the configuration's `bucket`), the stack's own buckets as destinations, and the stack's own accounts (providers' allowedAccountIds, known ARNs) as the default boundary.",
    judges: unionOf(REPLICATION_CONFIGS, S3_BUCKETS),
    checkStack(stack, ctx) {
        const judge = new AccountJudge(stack, ctx.settings);
        for (const r of stack.ofType(unionOf(REPLICATION_CONFIGS, S3_BUCKETS))) {
            const sets = ruleSets(r);
            if (sets.length === 0) continue;
            const sources = sourceBuckets(stack, r);
            if (sources.length > 0 && !sources.some((b) => ctx.isPhi(b))) continue;
            for (const set of sets) {
                const rules = asList(set.rules);
                if (isUnknown(rules)) {
                    ctx.unverified(set.at, r.urn);
                    continue;
                }
                rules.forEach((rule, i) => checkRule(stack, r, set, rule, `${set.at}[${i}]`, sources, judge, ctx));
            }
        }
        judge.finish(ctx, "replication destinations");
    },
};
