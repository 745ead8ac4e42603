import { strict as assert } from "assert";
import { awsExfilLogShipping as control } from "../../../../policies/aws/exfil/log-shipping";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { boundary, OUTSIDER, ownArn, TRUSTED } from "./fixtures";

const group: TestResource = { type: "aws:cloudwatch/logGroup:LogGroup", name: "app-logs", props: { name: "/app/records", retentionInDays: 2192 } };
const filter = (destinationArn: unknown, deps: Record<string, string[]> = {}): TestResource => ({
    type: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    name: "ship",
    props: { logGroup: unknown, filterPattern: "", destinationArn },
    propertyDependencies: { logGroup: [urnOf(group)], ...deps },
});
const firehose = (props: Record<string, unknown>, name = "stream"): TestResource => ({ type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", name, props });
const trail = (s3BucketName: unknown, deps: Record<string, string[]> = {}): TestResource => ({ type: "aws:cloudtrail/trail:Trail", name: "trail", props: { s3BucketName, isMultiRegionTrail: true }, propertyDependencies: deps });
const out = (r: TestResource, at: string) => ({ at, urn: urnOf(r) });
const CLEAN = { violations: [], unverified: [], urns: [] };

describe("aws-exfil-log-shipping", () => {
    it("flags a subscription filter that ships PHI logs to another account's destination", async () => {
        const f = filter(`arn:aws:logs:us-east-1:${OUTSIDER}:destination:collector`);
        const r = await runStack(control, [group, f], boundary);
        assertFindings(r, [out(f, "destinationArn")]);
        assert.match(r.violations[0], /ships PHI logs to account 999988887777/);
    });

    it("passes destinations of trusted accounts and those built from the stack's resources", async () => {
        const trusted = filter(`arn:aws:kinesis:us-east-1:${TRUSTED}:stream/logs`);
        const stream: TestResource = { type: "aws:kinesis/stream:Stream", name: "s", props: {} };
        const built = { ...filter(unknown, { destinationArn: [urnOf(stream)] }), name: "built" };
        assert.deepEqual(await runStack(control, [group, stream, trusted, built], boundary), CLEAN);
    });

    it("skips log groups outside the PHI scope, and counts a destination unknown at preview as the stack's own", async () => {
        const f = filter(`arn:aws:logs:us-east-1:${OUTSIDER}:destination:collector`);
        const publicGroup = { ...group, props: { ...group.props, tags: { "data-classification": "public" } } };
        assert.deepEqual(await runStack(control, [publicGroup, f], { settings: { ...boundary.settings, phiScope: "unless-non-phi" } }), CLEAN);
        assert.deepEqual(await runStack(control, [group, filter(unknown)], boundary), CLEAN);
    });

    it("flags a log destination forwarding to another account's stream", async () => {
        const d: TestResource = { type: "aws:cloudwatch/logDestination:LogDestination", name: "dest", props: { roleArn: "r", targetArn: `arn:aws:kinesis:us-east-1:${OUTSIDER}:stream/x` } };
        assertFindings(await runStack(control, [d], boundary), [out(d, "targetArn")]);
    });

    it("flags Firehose delivery to HTTP, Splunk and an outsider's OpenSearch domain; passes an approved endpoint", async () => {
        const http = firehose({ destination: "http_endpoint", httpEndpointConfiguration: { url: "https://intake.example.net/v1", name: "x" } }, "http");
        const splunk = firehose({ destination: "splunk", splunkConfiguration: { hecEndpoint: "https://hec.example.org:8088" } }, "splunk");
        const os = firehose({ destination: "opensearch", opensearchConfiguration: { domainArn: `arn:aws:es:us-east-1:${OUTSIDER}:domain/logs`, indexName: "i" } }, "os");
        const r = await runStack(control, [http, splunk, os], boundary);
        assertFindings(r, [out(http, "httpEndpointConfiguration.url"), out(splunk, "splunkConfiguration.hecEndpoint"), out(os, "opensearchConfiguration.domainArn")]);
        assert.doesNotMatch(r.violations.join("\n"), /example\.net|example\.org/, "messages do not quote endpoint URLs");
        const approved = await runStack(control, [http], { ...boundary, config: { allowedHttpEndpoints: ["https://intake.example.net/"], trustedLogBuckets: [] } });
        assert.deepEqual(approved, CLEAN);
    });

    it("judges Firehose delivery to Iceberg tables by the catalog's account, and to Redshift or OpenSearch Serverless by whether the stack built it", async () => {
        const iceberg = firehose({ destination: "iceberg", icebergConfiguration: { catalogArn: `arn:aws:glue:us-east-1:${OUTSIDER}:catalog`, roleArn: "r" } }, "iceberg");
        assertFindings(await runStack(control, [iceberg], boundary), [out(iceberg, "icebergConfiguration.catalogArn")]);
        const theirs = firehose({ destination: "redshift", redshiftConfiguration: { clusterJdbcurl: "jdbc:redshift://warehouse.abc123.us-east-1.redshift.amazonaws.com:5439/dev", dataTableName: "t", roleArn: "r" } }, "rs");
        const r = await runStack(control, [theirs], boundary);
        assertFindings(r, [{ ...out(theirs, "redshiftConfiguration.clusterJdbcurl"), outcome: "unverified" }]);
        assert.doesNotMatch(r.unverified[0], /abc123/, "the URL is not quoted");
        const cluster: TestResource = { type: "aws:redshift/cluster:Cluster", name: "warehouse", props: { clusterIdentifier: "warehouse" } };
        assert.deepEqual(await runStack(control, [cluster, theirs], boundary), CLEAN);
        const collection: TestResource = { type: "aws:opensearch/serverlessCollection:ServerlessCollection", name: "logs", props: { name: "logs" } };
        const built: TestResource = { ...firehose({ destination: "opensearchserverless", opensearchserverlessConfiguration: { collectionEndpoint: unknown, indexName: "i", roleArn: "r" } }, "aoss"), propertyDependencies: { opensearchserverlessConfiguration: [urnOf(collection)] } };
        assert.deepEqual(await runStack(control, [collection, built], boundary), CLEAN);
        const unbuilt = firehose({ destination: "opensearchserverless", opensearchserverlessConfiguration: { collectionEndpoint: unknown, indexName: "i", roleArn: "r" } }, "aoss2");
        assertFindings(await runStack(control, [unbuilt], boundary), [{ ...out(unbuilt, "opensearchserverlessConfiguration.collectionEndpoint"), outcome: "unverified" }]);
    });

    it("says it could not judge a Firehose destination of a kind it does not know, never passing it silently", async () => {
        const h = firehose({ destination: "mongodb_atlas", mongoConfiguration: { url: "https://x" } }, "new-kind");
        assertFindings(await runStack(control, [h], boundary), [{ ...out(h, "destination"), outcome: "unverified" }]);
    });

    it("says the owner of a Firehose bucket could not be told unless it is the stack's own or trusted", async () => {
        const h = firehose({ destination: "extended_s3", extendedS3Configuration: { bucketArn: "arn:aws:s3:::somebody-logs", roleArn: "r" } });
        const r = await runStack(control, [h], boundary);
        assertFindings(r, [{ ...out(h, "extendedS3Configuration.bucketArn"), outcome: "unverified" }]);
        assert.match(r.unverified[0], /owner could not be told/);
        const own: TestResource = { type: "aws:s3/bucket:Bucket", name: "logs", props: { bucket: "somebody-logs" } };
        assert.deepEqual(await runStack(control, [own, h], boundary), CLEAN);
    });

    it("passes a trail delivered to the stack's own bucket or a trusted log archive; says so for any other bucket", async () => {
        const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "trail-bucket", props: { bucket: unknown } };
        assert.deepEqual(await runStack(control, [bucket, trail(unknown, { s3BucketName: [urnOf(bucket)] })], boundary), CLEAN);
        const archive = trail("org-log-archive");
        assert.deepEqual(await runStack(control, [archive], { ...boundary, config: { trustedLogBuckets: ["org-log-archive"], allowedHttpEndpoints: [] } }), CLEAN);
        assertFindings(await runStack(control, [archive], boundary), [{ ...out(archive, "s3BucketName"), outcome: "unverified" }]);
    });

    it("judges a destination held in a secret", async () => {
        const f = filter(secret(`arn:aws:logs:us-east-1:${OUTSIDER}:destination:collector`));
        assertFindings(await runStack(control, [group, f], boundary), [out(f, "destinationArn")]);
    });

    it("judges against the stack's own account with nothing configured, and says once when it cannot", async () => {
        const f = filter(`arn:aws:logs:us-east-1:${OUTSIDER}:destination:collector`);
        assertFindings(await runStack(control, [group, f, ownArn()]), [out(f, "destinationArn")]);
        assertFindings(await runStack(control, [group, f]), [{ at: "trustedAwsAccountIds", outcome: "unverified" }]);
    });
});
