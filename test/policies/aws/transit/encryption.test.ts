import { strict as assert } from "assert";
import { awsTransitEncryption as control } from "../../../../policies/aws/transit/encryption";
import { awsTlsPolicyMinimum } from "../../../../policies/lib/tls-version";
import { runResource, runStack, secret, type TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings, type Expected } from "../../../findings";
import { sdkHasInput, sdkHasType } from "../../lib/sdk-types";

const DOMAIN = {
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
};
const HTTPS_LISTENER = {
    loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/claims/1",
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/1",
    defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/claims/1" }],
};
const REDIRECT = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
const HTTP_REDIRECT = { loadBalancerArn: HTTPS_LISTENER.loadBalancerArn, port: 80, protocol: "HTTP", defaultActions: [REDIRECT] };

const LISTENER_TOKENS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener", "aws:elasticloadbalancingv2/listener:Listener", "aws:applicationloadbalancing/listener:Listener"];

async function expect(type: string, props: Record<string, unknown>, findings: Expected[]): Promise<void> {
    assertFindings(await runResource(control, { type, props }), findings);
}

describe("aws-transit-encryption", () => {
    it("reads only inputs the @pulumi/aws SDK declares, under tokens it publishes", () => {
        for (const [type, props] of Object.entries({
            "aws:opensearch/domain:Domain": ["nodeToNodeEncryption", "domainEndpointOptions"],
            "aws:elasticsearch/domain:Domain": ["nodeToNodeEncryption", "domainEndpointOptions"],
            "aws:elasticache/replicationGroup:ReplicationGroup": ["transitEncryptionEnabled", "transitEncryptionMode"],
            "aws:memorydb/cluster:Cluster": ["tlsEnabled"],
            "aws:lb/listener:Listener": ["protocol", "sslPolicy", "defaultActions"],
            "aws:alb/listener:Listener": ["protocol", "sslPolicy", "defaultActions"],
            "aws:redshift/parameterGroup:ParameterGroup": ["parameters"],
            "aws:rds/parameterGroup:ParameterGroup": ["family", "parameters"],
            "aws:rds/clusterParameterGroup:ClusterParameterGroup": ["family", "parameters"],
            "aws:rds/instance:Instance": ["engine", "engineVersion", "parameterGroupName"],
            "aws:rds/cluster:Cluster": ["engine", "dbClusterParameterGroupName"],
        })) {
            assert.ok(sdkHasType(type), type);
            assert.ok(control.types.has(type), type);
            for (const p of props) assert.ok(sdkHasInput(type, p), `${type} ${p}`);
        }
    });

    describe("RDS databases on their engine's default parameter group", () => {
        const INSTANCE = "aws:rds/instance:Instance";
        const CLUSTER = "aws:rds/cluster:Cluster";

        it("flags MySQL, MariaDB, SQL Server and PostgreSQL before 15 on the default group (none named, or a default. one)", async () => {
            for (const props of [{ engine: "mysql", engineVersion: "8.0.35" }, { engine: "mariadb" }, { engine: "sqlserver-se" }, { engine: "postgres", engineVersion: "14.10" }, { engine: "mysql", parameterGroupName: "default.mysql8.0" }]) {
                assertFindings(await runResource(control, { type: INSTANCE, props }), [{ at: "parameterGroupName" }]);
            }
            assertFindings(await runResource(control, { type: CLUSTER, props: { engine: "aurora-mysql" } }), [{ at: "dbClusterParameterGroupName" }]);
        });

        it("passes PostgreSQL 15 and later (rds.force_ssl on by default) and a named group, which is judged on its own", async () => {
            for (const props of [{ engine: "postgres", engineVersion: "16.3" }, { engine: "postgres" }, { engine: "mysql", parameterGroupName: "claims-tls" }, { engine: "mysql", parameterGroupName: unknown }, { engine: "oracle-ee" }]) {
                assertFindings(await runResource(control, { type: INSTANCE, props }), []);
            }
        });

        it("says it could not verify an unknown engine or version, and an Aurora PostgreSQL default cluster group", async () => {
            assertFindings(await runResource(control, { type: INSTANCE, props: { engine: unknown } }), [{ at: "engine", outcome: "unverified" }]);
            assertFindings(await runResource(control, { type: INSTANCE, props: { engine: "postgres", engineVersion: unknown } }), [{ at: "engineVersion", outcome: "unverified" }]);
            assertFindings(await runResource(control, { type: CLUSTER, props: { engine: "aurora-postgresql" } }), [{ at: "dbClusterParameterGroupName", outcome: "unverified" }]);
        });
    });

    describe("OpenSearch and Elasticsearch domains", () => {
        for (const type of ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"]) {
            it(`passes ${type} with node-to-node encryption, HTTPS and a TLS 1.2 policy`, () => expect(type, DOMAIN, []));
        }
        it("flags a domain without the nodeToNodeEncryption block, with enforceHttps false and a TLS 1.0 policy", () =>
            expect("aws:opensearch/domain:Domain", { domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } }, [
                { at: "nodeToNodeEncryption.enabled" },
                { at: "domainEndpointOptions.enforceHttps" },
                { at: "domainEndpointOptions.tlsSecurityPolicy" },
            ]));
        it("takes enforceHttps at its default (true) but asks for a TLS policy when none is set", async () => {
            const r = await runResource(control, { type: "aws:opensearch/domain:Domain", props: { nodeToNodeEncryption: { enabled: true } } });
            assertFindings(r, [{ at: "domainEndpointOptions.tlsSecurityPolicy" }]);
            assert.match(r.violations[0], /no TLS policy is set, so the service chooses one, which may accept TLS 1\.0/);
        });
        it("reports unknown switches and policies as unverified", () =>
            expect("aws:opensearch/domain:Domain", { nodeToNodeEncryption: { enabled: unknown }, domainEndpointOptions: unknown }, [
                { at: "nodeToNodeEncryption.enabled", outcome: "unverified" },
                { at: "domainEndpointOptions.enforceHttps", outcome: "unverified" },
                { at: "domainEndpointOptions.tlsSecurityPolicy", outcome: "unverified" },
            ]));
    });

    describe("ElastiCache and MemoryDB", () => {
        const type = "aws:elasticache/replicationGroup:ReplicationGroup";
        it("passes a replication group with transit encryption required", () => expect(type, { transitEncryptionEnabled: true, transitEncryptionMode: "required" }, []));
        it("flags a replication group without transit encryption (off by default)", () => expect(type, { description: "sessions" }, [{ at: "transitEncryptionEnabled" }]));
        it('flags transitEncryptionMode "preferred", which still accepts plain connections', () =>
            expect(type, { transitEncryptionEnabled: true, transitEncryptionMode: "Preferred" }, [{ at: "transitEncryptionMode" }]));
        it("reports an unknown switch or mode as unverified", () =>
            expect(type, { transitEncryptionEnabled: unknown, transitEncryptionMode: unknown }, [
                { at: "transitEncryptionEnabled", outcome: "unverified" },
                { at: "transitEncryptionMode", outcome: "unverified" },
            ]));
        it("passes a MemoryDB cluster that leaves tlsEnabled at its default and flags one that turns it off", async () => {
            await expect("aws:memorydb/cluster:Cluster", { nodeType: "db.t4g.small" }, []);
            await expect("aws:memorydb/cluster:Cluster", { tlsEnabled: false, aclName: "open-access" }, [{ at: "tlsEnabled" }]);
        });
    });

    describe("load balancer listeners", () => {
        for (const type of LISTENER_TOKENS) {
            it(`judges ${type}: an HTTPS listener with a TLS 1.2 policy and an HTTP listener that redirects pass, a forwarding HTTP listener fails`, async () => {
                await expect(type, HTTPS_LISTENER, []);
                await expect(type, HTTP_REDIRECT, []);
                await expect(type, { ...HTTP_REDIRECT, defaultActions: HTTPS_LISTENER.defaultActions }, [{ at: "protocol" }]);
            });
        }
        it("treats a listener without a protocol as HTTP, the provider's default", () =>
            expect("aws:lb/listener:Listener", { loadBalancerArn: "arn", defaultActions: HTTPS_LISTENER.defaultActions }, [{ at: "protocol" }]));
        it("flags an HTTP listener whose redirect keeps HTTP, or that forwards after a redirect", async () => {
            await expect("aws:lb/listener:Listener", { ...HTTP_REDIRECT, defaultActions: [{ type: "redirect", redirect: { protocol: "#{protocol}", statusCode: "HTTP_301" } }] }, [{ at: "protocol" }]);
            await expect("aws:lb/listener:Listener", { ...HTTP_REDIRECT, defaultActions: [REDIRECT, ...HTTPS_LISTENER.defaultActions] }, [{ at: "protocol" }]);
        });
        it("flags HTTPS and TLS listeners without an ssl policy (ELBSecurityPolicy-2016-08 accepts TLS 1.0) or with a TLS 1.1 one", async () => {
            const { sslPolicy, ...noPolicy } = HTTPS_LISTENER;
            assert.ok(sslPolicy);
            const r = await runResource(control, { type: "aws:lb/listener:Listener", props: noPolicy });
            assertFindings(r, [{ at: "sslPolicy" }]);
            assert.match(r.violations[0], /ELBSecurityPolicy-2016-08 applies, which accepts TLS 1\.0/);
            await expect("aws:lb/listener:Listener", { ...HTTPS_LISTENER, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01" }, [{ at: "sslPolicy" }]);
        });
        it("leaves TCP and UDP listeners to their targets", () => expect("aws:lb/listener:Listener", { loadBalancerArn: "arn", protocol: "TCP", port: 5432, defaultActions: HTTPS_LISTENER.defaultActions }, []));
        it("reports an unknown protocol, default action or ssl policy as unverified", async () => {
            await expect("aws:lb/listener:Listener", { ...HTTPS_LISTENER, protocol: unknown }, [{ at: "protocol", outcome: "unverified" }]);
            await expect("aws:lb/listener:Listener", { ...HTTP_REDIRECT, defaultActions: [{ type: unknown }] }, [{ at: "defaultActions[0].type", outcome: "unverified" }]);
            await expect("aws:lb/listener:Listener", { ...HTTP_REDIRECT, defaultActions: unknown }, [{ at: "defaultActions", outcome: "unverified" }]);
            await expect("aws:lb/listener:Listener", { ...HTTPS_LISTENER, sslPolicy: unknown }, [{ at: "sslPolicy", outcome: "unverified" }]);
        });
        it("judges a secret ssl policy, and echoes only the names of predefined AWS policies", async () => {
            const r = await runResource(control, { type: "aws:lb/listener:Listener", props: { ...HTTPS_LISTENER, sslPolicy: secret("ELBSecurityPolicy-FS-2018-06") } });
            assertFindings(r, [{ at: "sslPolicy" }]);
            for (const sslPolicy of ["not a policy; password=hunter2", "hunter2_AKIAIOSFODNN7EXAMPLE", "hunter2-TLS-1-0-x"]) {
                const r2 = await runResource(control, { type: "aws:lb/listener:Listener", props: { ...HTTPS_LISTENER, sslPolicy } });
                assertFindings(r2, [{ at: "sslPolicy" }]);
                assert.doesNotMatch(r2.violations[0], /hunter2/);
            }
        });
    });

    describe("listener rules, judged with their listener", () => {
        const listener = (name: string, props: Record<string, unknown>): TestResource => ({ type: "aws:lb/listener:Listener", name, props });
        const rule = (listenerName: string, actions: unknown, type = "aws:lb/listenerRule:ListenerRule"): TestResource => ({
            type,
            name: `${listenerName}-rule`,
            props: { listenerArn: unknown, priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions },
            propertyDependencies: { listenerArn: [urnOf({ type: "aws:lb/listener:Listener", name: listenerName })] },
        });
        const forward = HTTPS_LISTENER.defaultActions;
        it("flags a rule that forwards on an HTTP listener whose default action redirects, under every rule token", async () => {
            for (const type of ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule", "aws:elasticloadbalancingv2/listenerRule:ListenerRule"]) {
                const r = rule("portal-http", forward, type);
                assertFindings(await runStack(control, [listener("portal-http", HTTP_REDIRECT), r]), [{ at: "actions", urn: urnOf(r) }]);
            }
        });
        it("passes a forwarding rule on an HTTPS listener and a redirecting rule on an HTTP one", async () => {
            assertFindings(await runStack(control, [listener("portal-https", HTTPS_LISTENER), rule("portal-https", forward)]), []);
            assertFindings(await runStack(control, [listener("portal-http", HTTP_REDIRECT), rule("portal-http", [REDIRECT])]), []);
        });
        it("says it cannot tell for a rule whose listener is outside the stack, and could not verify an unknown listener protocol or rule action", async () => {
            const outside = rule("shared-alb", forward);
            assertFindings(await runStack(control, [outside]), [{ at: "listenerArn", urn: urnOf(outside), outcome: "unverified" }]);
            const pending = rule("portal-pending", forward);
            assertFindings(await runStack(control, [listener("portal-pending", { ...HTTPS_LISTENER, protocol: unknown }), pending]), [
                { at: "protocol", urn: urnOf({ type: "aws:lb/listener:Listener", name: "portal-pending" }), outcome: "unverified" },
                { at: "listenerArn", urn: urnOf(pending), outcome: "unverified" },
            ]);
            const unknownAction = rule("portal-http", [{ type: unknown }]);
            assertFindings(await runStack(control, [listener("portal-http", HTTP_REDIRECT), unknownAction]), [{ at: "actions[0].type", urn: urnOf(unknownAction), outcome: "unverified" }]);
        });
    });

    describe("database parameter groups", () => {
        const RDS = "aws:rds/parameterGroup:ParameterGroup";
        const CLUSTER = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
        const REDSHIFT = "aws:redshift/parameterGroup:ParameterGroup";
        it("passes groups that require TLS for each engine", async () => {
            await expect(RDS, { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] }, []);
            await expect(CLUSTER, { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] }, []);
            await expect(RDS, { family: "mariadb10.11", parameters: [{ name: "require_secure_transport", value: "1" }] }, []);
            await expect(RDS, { family: "sqlserver-se-15.0", parameters: [{ name: "rds.force_ssl", value: "1" }] }, []);
            await expect(REDSHIFT, { family: "redshift-2.0", parameters: [{ name: "require_ssl", value: "true" }] }, []);
        });
        it("flags a group that does not set the parameter, or turns it off", async () => {
            await expect(CLUSTER, { family: "aurora-postgresql15", parameters: [{ name: "log_statement", value: "ddl" }] }, [{ at: "parameters" }]);
            await expect(RDS, { family: "mysql8.0" }, [{ at: "parameters" }]);
            await expect(REDSHIFT, { family: "redshift-2.0", parameters: [{ name: "require_ssl", value: "false" }] }, [{ at: "parameters[0].value" }]);
        });
        it("flags a second entry that turns the parameter off again", () =>
            expect(RDS, { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }, { name: "RDS.FORCE_SSL", value: "0" }] }, [{ at: "parameters[1].value" }]));
        it("does not judge engines that require TLS elsewhere (Oracle option groups)", () => expect(RDS, { family: "oracle-ee-19" }, []));
        it("reports an unknown family, parameter list, name or value as unverified", async () => {
            await expect(RDS, { family: unknown }, [{ at: "family", outcome: "unverified" }]);
            await expect(RDS, { family: "postgres16", parameters: unknown }, [{ at: "parameters", outcome: "unverified" }]);
            await expect(RDS, { family: "postgres16", parameters: [{ name: unknown, value: "1" }] }, [
                { at: "parameters[0].name", outcome: "unverified" },
                { at: "parameters" },
            ]);
            await expect(REDSHIFT, { family: "redshift-2.0", parameters: [{ name: "require_ssl", value: unknown }] }, [{ at: "parameters[0].value", outcome: "unverified" }]);
        });
        it("judges a secret parameter value without echoing it", async () => {
            const r = await runResource(control, { type: REDSHIFT, props: { family: "redshift-2.0", parameters: [{ name: "require_ssl", value: secret("false") }] } });
            assertFindings(r, [{ at: "parameters[0].value" }]);
        });
    });

    it("skips resources outside PHI scope when configured as tagged", async () => {
        const r = await runResource(control, { type: "aws:lb/listener:Listener", props: { ...HTTP_REDIRECT, defaultActions: HTTPS_LISTENER.defaultActions, tags: { "data-classification": "public" } } }, { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
    });

    it("reads the lowest TLS version from AWS policy names", () => {
        assert.equal(awsTlsPolicyMinimum("ELBSecurityPolicy-TLS13-1-2-2021-06"), "1.2");
        assert.equal(awsTlsPolicyMinimum("ELBSecurityPolicy-TLS13-1-3-2021-06"), "1.3");
        assert.equal(awsTlsPolicyMinimum("ELBSecurityPolicy-FS-1-2-Res-2020-10"), "1.2");
        assert.equal(awsTlsPolicyMinimum("ELBSecurityPolicy-TLS-1-1-2017-01"), "1.1");
        assert.equal(awsTlsPolicyMinimum("ELBSecurityPolicy-2016-08"), "1.0");
        assert.equal(awsTlsPolicyMinimum("ELBSecurityPolicy-FS-2018-06"), "1.0");
        assert.equal(awsTlsPolicyMinimum("Policy-Min-TLS-1-2-2019-07"), "1.2");
        assert.equal(awsTlsPolicyMinimum("Policy-Min-TLS-1-0-2019-07"), "1.0");
        assert.equal(awsTlsPolicyMinimum("custom"), undefined);
    });
});
