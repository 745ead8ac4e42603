import type { CheckContext, StackControl } from "../../control";
import { AccountJudge, accountOfArn } from "../../lib/aws/boundary";
import { S3_BUCKETS } from "../../lib/aws/stores";
import { s3BucketName } from "../../lib/aws-s3";
import { CLOUDTRAIL_TRAILS } from "../../lib/aws-cloudtrail";
import { inferred } from "../../lib/hipaa";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { TypeSet, types, unionOf } from "../../lib/type-tokens";
import { asString, at, isUnknown, Plain } from "../../lib/values";

interface Config {
    trustedLogBuckets: string[];
    allowedHttpEndpoints: string[];
}

const SUBSCRIPTION_FILTERS = types("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
const LOG_DESTINATIONS = types("aws:cloudwatch/logDestination:LogDestination");
const FIREHOSES = types("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");

/** Firehose destinations outside AWS, by the `destination` value and the property that names where data goes. */
const THIRD_PARTY: Readonly<Record<string, string>> = {
    http_endpoint: "httpEndpointConfiguration.url",
    splunk: "splunkConfiguration.hecEndpoint",
    snowflake: "snowflakeConfiguration.accountUrl",
};
/** Firehose destinations named by an ARN that carries the owner's account. */
const BY_ARN: Readonly<Record<string, string>> = {
    opensearch: "opensearchConfiguration.domainArn",
    elasticsearch: "elasticsearchConfiguration.domainArn",
    iceberg: "icebergConfiguration.catalogArn",
};
/**
 * Firehose destinations in AWS named by an address that carries no account: the stack's own only
 * when built from its resource of that kind (a Redshift cluster's JDBC URL, a serverless
 * collection's endpoint); any other owner cannot be told.
 */
const BY_ADDRESS: Readonly<Record<string, { prop: string; from: TypeSet; what: string }>> = {
    redshift: { prop: "redshiftConfiguration.clusterJdbcurl", from: types("aws:redshift/cluster:Cluster"), what: "a Redshift cluster's JDBC URL" },
    opensearchserverless: {
        prop: "opensearchserverlessConfiguration.collectionEndpoint",
        from: types("aws:opensearch/serverlessCollection:ServerlessCollection"),
        what: "an OpenSearch Serverless collection endpoint",
    },
};

/** The name in a bucket value: `acme-logs` or `arn:aws:s3:::acme-logs`. */
const bucketName = (v: string) => v.trim().replace(/^arn:aws[a-z-]*:s3:::/i, "").split("/")[0].toLowerCase();

class Shipping {
    readonly judge: AccountJudge;
    constructor(
        readonly stack: StackIndex,
        readonly ctx: CheckContext<Config>,
    ) {
        this.judge = new AccountJudge(stack, ctx.settings);
    }

    /**
     * A destination named by ARN: outside when its account is. A value unknown at preview is the
     * output of a resource this update creates (config, stack references and lookups are known at
     * preview), so it is the stack's own.
     */
    arn(r: StackResource, prop: string, value: Plain, what: string): void {
        if (typeof value !== "string") return;
        const account = accountOfArn(value);
        if (account !== undefined && this.judge.isOutside(account)) {
            this.ctx.fail({ problem: `${what} to account ${account}, outside the organisation's boundary`, at: prop, fix: "deliver logs only to destinations in trusted accounts (trustedAwsAccountIds under phi-guard-settings)", urn: r.urn });
        }
    }

    /** A bucket named without an account: the stack's own, a trusted log bucket, or one whose owner cannot be told. */
    bucket(r: StackResource, prop: string, value: Plain): void {
        if (typeof value !== "string" || value.trim() === "") return;
        const name = bucketName(value);
        if (this.ctx.config.trustedLogBuckets.some((b) => b.trim().toLowerCase() === name)) return;
        if (this.stack.ofType(S3_BUCKETS).some((b) => s3BucketName(b) === name)) return;
        this.ctx.cannotTell(
            prop,
            "because its owner could not be told: a bucket name carries no account, and the bucket is not one of this stack's; list it in trustedLogBuckets when it is the organisation's log archive",
            r.urn,
        );
    }
}

/** A destination named by address: the stack's own when built from (or naming) its resource of that kind. */
function checkAddress(r: StackResource, s: Shipping, address: { prop: string; from: TypeSet; what: string }): void {
    const top = address.prop.split(".")[0];
    if (s.stack.linked(r, top).some((d) => address.from.has(d.type))) return;
    const value = at(r.props, address.prop);
    if (isUnknown(value)) return s.ctx.unverified(address.prop, r.urn);
    if (typeof value !== "string" || value.trim() === "") return;
    const host = value.trim().toLowerCase().replace(/^[a-z:]*\/\//, "");
    const own = s.stack.ofType(address.from).some((d) => {
        const id = asString(d.props.clusterIdentifier ?? d.props.name);
        return typeof id === "string" && id !== "" && host.startsWith(`${id.toLowerCase()}.`);
    });
    if (own) return;
    s.ctx.cannotTell(address.prop, `because its owner could not be told: ${address.what} carries no account, and it is not built from one of this stack's; deliver to a destination named by ARN (its account is then judged) or to the stack's own`, r.urn);
}

function checkFirehose(r: StackResource, s: Shipping): void {
    const destination = asString(r.props.destination);
    if (isUnknown(destination)) return s.ctx.unverified("destination", r.urn);
    const kind = (destination ?? "").trim().toLowerCase();
    if (kind === "extended_s3" || kind === "s3") return s.bucket(r, "extendedS3Configuration.bucketArn", at(r.props, "extendedS3Configuration.bucketArn"));
    if (BY_ARN[kind]) return s.arn(r, BY_ARN[kind], at(r.props, BY_ARN[kind]), "the delivery stream sends PHI logs");
    const address = BY_ADDRESS[kind];
    if (address) return checkAddress(r, s, address);
    const prop = THIRD_PARTY[kind];
    if (prop === undefined) {
        return s.ctx.cannotTell("destination", "because phi-guard does not judge where this kind of destination delivers: deliver to a bucket, an OpenSearch domain or an Iceberg catalog of a trusted account, or to an HTTP endpoint listed in allowedHttpEndpoints", r.urn);
    }
    const url = at(r.props, prop);
    if (isUnknown(url)) return s.ctx.unverified(prop, r.urn);
    if (typeof url === "string" && s.ctx.config.allowedHttpEndpoints.some((p) => p.trim() !== "" && url.trim().toLowerCase().startsWith(p.trim().toLowerCase()))) return;
    s.ctx.fail({
        problem: `the delivery stream sends PHI logs to a ${kind.replace("_", " ")} destination outside AWS, beyond the organisation's boundary`,
        at: prop,
        fix: "deliver to a destination in a trusted account, or list the approved endpoint (one the organisation holds a BAA for) in allowedHttpEndpoints",
        urn: r.urn,
    });
}

export const awsExfilLogShipping: StackControl<Config> = {
    id: "aws-exfil-log-shipping",
    title: "PHI application and audit logs are delivered only inside the organisation",
    cloud: "aws",
    category: "data-exfiltration",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(b)")],
    description:
        "Application logs of PHI workloads carry PHI, and audit logs show who read it: a subscription filter, log destination or delivery stream that ships them to another account or a third-party endpoint copies them out continuously, and a trail delivered to someone else's bucket puts the audit record in their hands. Logs go only to destinations in the organisation's accounts.",
    remediation:
        "Point subscription filters and log destinations at streams and destinations of trusted accounts, deliver Firehose streams to buckets or domains of trusted accounts (or to an approved endpoint listed in allowedHttpEndpoints), and deliver trails to the stack's own bucket or a log archive bucket listed in trustedLogBuckets.",
    unknowns:
        "A destination ARN or bucket unknown at preview is the output of a resource this update creates (config, stack references and lookups are known at preview) and counts as the stack's own; the check runs again on `pulumi up` with the values known. An unknown delivery-stream kind or third-party endpoint is reported as unverified (advisory). A bucket name carries no account: a bucket that is neither the stack's nor listed in trustedLogBuckets is reported as one whose owner could not be told, as is a Redshift JDBC URL or OpenSearch Serverless endpoint not built from the stack's own cluster or collection, and a delivery-stream kind the control does not know. With no trusted account configured and none shown by the stack, accounts are not judged and the control says so once for the stack.",
    acrossResources: "The log group a subscription filter reads (its PHI classification), the stack's own buckets, and the stack's own accounts as the default boundary.",
    config: {
        trustedLogBuckets: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Names of buckets outside this stack that belong to the organisation (a central log archive): trails and delivery streams may deliver there.",
        },
        allowedHttpEndpoints: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "URL prefixes of third-party endpoints (HTTP, Splunk, Snowflake) approved to receive PHI logs, e.g. a SIEM the organisation holds a BAA for.",
        },
    },
    judges: unionOf(SUBSCRIPTION_FILTERS, LOG_DESTINATIONS, FIREHOSES, CLOUDTRAIL_TRAILS),
    checkStack(stack, ctx) {
        const s = new Shipping(stack, ctx);
        for (const f of stack.ofType(SUBSCRIPTION_FILTERS)) {
            const groups = stack.linked(f, "logGroup");
            if (groups.length > 0 && !groups.some((g) => ctx.isPhi(g))) continue;
            s.arn(f, "destinationArn", f.props.destinationArn, "the subscription filter ships PHI logs");
        }
        for (const d of stack.ofType(LOG_DESTINATIONS)) s.arn(d, "targetArn", d.props.targetArn, "the log destination forwards PHI logs");
        for (const h of stack.ofType(FIREHOSES)) if (ctx.isPhi(h)) checkFirehose(h, s);
        for (const t of stack.ofType(CLOUDTRAIL_TRAILS)) s.bucket(t, "s3BucketName", t.props.s3BucketName);
        s.judge.finish(ctx, "log destinations");
    },
};
