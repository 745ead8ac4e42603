import { awsTransitEncryption as control } from "../../../../policies/aws/transit/encryption";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown, urnOf } from "../../../harness";

const LB = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/claims/50dc6c495c0c9188";
const TARGETS = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/claims/73e2d6bc24d8a067";

const https = (props: Record<string, unknown>) =>
    resource("aws:lb/listener:Listener", "claims-https", {
        loadBalancerArn: LB,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/9f1c2e1a-6c1e-4c8e-9d51-1a0c7c3f2b11",
        defaultActions: [{ type: "forward", targetGroupArn: TARGETS }],
        ...props,
    });
const http = (props: Record<string, unknown>) =>
    resource("aws:lb/listener:Listener", "claims-http", {
        loadBalancerArn: LB,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        ...props,
    });
const search = (props: Record<string, unknown>) =>
    resource("aws:opensearch/domain:Domain", "claims-search", {
        engineVersion: "OpenSearch_2.13",
        encryptAtRest: { enabled: true },
        nodeToNodeEncryption: { enabled: true },
        domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
        ...props,
    });
const params = (parameters: unknown) => resource("aws:rds/parameterGroup:ParameterGroup", "claims-db-params", { family: "postgres16", parameters });

const forwardsHttp = http({ defaultActions: [{ type: "forward", targetGroupArn: TARGETS }] });
const oldTls = https({ sslPolicy: "ELBSecurityPolicy-2016-08" });
const noNodeEncryption = search({ nodeToNodeEncryption: { enabled: false } });
const tls10Domain = search({ domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } });
const noForceSsl = params([{ name: "log_connections", value: "1" }]);
const unknownPolicy = https({ sslPolicy: unknown });

const bypass = resource(
    "aws:lb/listenerRule:ListenerRule",
    "claims-http-api",
    { listenerArn: unknown, priority: 10, conditions: [{ pathPattern: { values: ["/api/*"] } }], actions: [{ type: "forward", targetGroupArn: TARGETS }] },
    { propertyDependencies: { listenerArn: [urnOf({ type: "aws:lb/listener:Listener", name: "claims-http" })] } },
);

const baseline = [https({}), http({}), search({}), params([{ name: "rds.force_ssl", value: "1" }])];
const swap = (r: ReturnType<typeof resource>) => baseline.map((b) => (b.name === r.name ? r : b));

export default defineExamples({
    control,
    passing: {
        baseline: {
            says: "an HTTPS listener with a TLS 1.2 policy, an HTTP listener that only redirects to HTTPS, a search domain with node-to-node encryption and a TLS 1.2 policy, a PostgreSQL parameter group that forces SSL",
            resources: baseline,
        },
    },
    failing: {
        "http-forwards": { says: "an HTTP listener that forwards to the targets instead of redirecting", resources: swap(forwardsHttp), findings: [fails(forwardsHttp, "protocol")] },
        "rule-forwards-on-http": { says: "a rule that forwards API requests on the HTTP listener, past its redirect", resources: [...baseline, bypass], findings: [fails(bypass, "actions")] },
        "tls-1-0-listener": { says: "an HTTPS listener with a policy that accepts TLS 1.0", resources: swap(oldTls), findings: [fails(oldTls, "sslPolicy")] },
        "no-node-to-node": { says: "a domain whose nodes talk in clear text", resources: swap(noNodeEncryption), findings: [fails(noNodeEncryption, "nodeToNodeEncryption.enabled")] },
        "tls-1-0-domain": { says: "a domain whose HTTPS endpoint accepts TLS 1.0", resources: swap(tls10Domain), findings: [fails(tls10Domain, "domainEndpointOptions.tlsSecurityPolicy")] },
        "no-force-ssl": { says: "a PostgreSQL parameter group that does not force SSL", resources: swap(noForceSsl), findings: [fails(noForceSsl, "parameters")] },
        "unknown-ssl-policy": { says: "an ssl policy known only during the update", resources: swap(unknownPolicy), findings: [unverifiedAt(unknownPolicy, "sslPolicy")] },
    },
});
