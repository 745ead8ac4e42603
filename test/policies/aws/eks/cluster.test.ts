import { strict as assert } from "assert";
import { awsEksCluster as control } from "../../../../policies/aws/eks/cluster";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const PRIVATE = { subnetIds: ["subnet-0a1b", "subnet-2c3d"], endpointPrivateAccess: true, endpointPublicAccess: false };
const hardened = {
    roleArn: "arn:aws:iam::111122223333:role/eks-cluster",
    vpcConfig: PRIVATE,
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } },
};
/** The hardened cluster with some arguments changed; an argument set to undefined is left out. */
function cluster(props: Record<string, unknown> = {}) {
    const merged: Record<string, unknown> = { ...hardened, ...props };
    for (const [k, v] of Object.entries(props)) if (v === undefined) delete merged[k];
    return { type: "aws:eks/cluster:Cluster", name: "phi", props: merged };
}
const publicVpc = (extra: Record<string, unknown> = {}) => ({ vpcConfig: { subnetIds: ["subnet-0a1b"], ...extra } });

describe("aws-eks-cluster", () => {
    it("passes a private cluster with audit and authenticator logs and secrets encrypted with a KMS key", async () => {
        assertFindings(await runResource(control, cluster()), []);
    });

    it("passes a public endpoint restricted to the organisation's ranges (IPv4 and IPv6)", async () => {
        assertFindings(await runResource(control, cluster(publicVpc({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "2001:db8::/32"] }))), []);
    });

    it("flags a public endpoint with no publicAccessCidrs (EKS opens it to 0.0.0.0/0), whether endpointPublicAccess is true or left out", async () => {
        for (const vpc of [publicVpc(), publicVpc({ endpointPublicAccess: true }), publicVpc({ endpointPublicAccess: "true", publicAccessCidrs: [] })]) {
            const r = await runResource(control, cluster(vpc));
            assertFindings(r, [{ at: "vpcConfig.publicAccessCidrs" }]);
            assert.match(r.violations[0], /0\.0\.0\.0\/0/);
        }
    });

    it("flags each internet-wide range in publicAccessCidrs: 0.0.0.0/0, ::/0, and ranges wider than /8", async () => {
        const r = await runResource(control, cluster(publicVpc({ publicAccessCidrs: ["203.0.113.0/24", " 0.0.0.0/0 ", "::/0", "0.0.0.0/1"] })));
        assertFindings(r, [{ at: "vpcConfig.publicAccessCidrs[1]" }, { at: "vpcConfig.publicAccessCidrs[2]" }, { at: "vpcConfig.publicAccessCidrs[3]" }]);
    });

    it("flags missing audit or authenticator logs, in any case, and no log types at all", async () => {
        assertFindings(await runResource(control, cluster({ enabledClusterLogTypes: ["api", "AUDIT"] })), [{ at: "enabledClusterLogTypes" }]);
        const none = await runResource(control, cluster({ enabledClusterLogTypes: undefined }));
        assertFindings(none, [{ at: "enabledClusterLogTypes" }]);
        assert.match(none.violations[0], /"audit", "authenticator"/);
    });

    it("passes the log types a team configures instead", async () => {
        assertFindings(await runResource(control, cluster({ enabledClusterLogTypes: ["audit"] }), { config: { requiredLogTypes: ["audit"] } }), []);
    });

    it("flags a cluster without encryptionConfig, one that does not cover secrets, and one without a key", async () => {
        const r = await runResource(control, cluster({ encryptionConfig: undefined }));
        assertFindings(r, [{ at: "encryptionConfig" }]);
        assert.match(r.violations[0], /AWS-owned key/);
        assertFindings(await runResource(control, cluster({ encryptionConfig: { resources: [], provider: { keyArn: KEY } } })), [{ at: "encryptionConfig.resources" }]);
        assertFindings(await runResource(control, cluster({ encryptionConfig: { resources: ["secrets"], provider: { keyArn: "" } } })), [{ at: "encryptionConfig.provider.keyArn" }]);
    });

    it("counts a key ARN unknown at preview as set (another resource's output)", async () => {
        assertFindings(await runResource(control, cluster({ encryptionConfig: { resources: ["secrets"], provider: { keyArn: unknown } } })), []);
    });

    it("says it could not verify endpoint settings, log types or encrypted resources unknown at preview", async () => {
        assertFindings(await runResource(control, cluster({ vpcConfig: unknown })), [{ at: "vpcConfig", outcome: "unverified" }]);
        assertFindings(await runResource(control, cluster(publicVpc({ endpointPublicAccess: unknown }))), [{ at: "vpcConfig.endpointPublicAccess", outcome: "unverified" }]);
        assertFindings(await runResource(control, cluster(publicVpc({ publicAccessCidrs: unknown }))), [{ at: "vpcConfig.publicAccessCidrs", outcome: "unverified" }]);
        assertFindings(await runResource(control, cluster(publicVpc({ publicAccessCidrs: ["203.0.113.0/24", unknown] }))), [{ at: "vpcConfig.publicAccessCidrs[1]", outcome: "unverified" }]);
        assertFindings(await runResource(control, cluster({ enabledClusterLogTypes: ["audit", unknown] })), [{ at: "enabledClusterLogTypes", outcome: "unverified" }]);
        assertFindings(await runResource(control, cluster({ encryptionConfig: unknown })), [{ at: "encryptionConfig", outcome: "unverified" }]);
        assertFindings(await runResource(control, cluster({ encryptionConfig: { resources: unknown, provider: { keyArn: KEY } } })), [{ at: "encryptionConfig.resources", outcome: "unverified" }]);
    });

    it("reads secret values without echoing them", async () => {
        const r = await runResource(control, cluster({ vpcConfig: secret({ subnetIds: ["subnet-s3cr3t"], publicAccessCidrs: ["0.0.0.0/0"] }), encryptionConfig: secret({ resources: ["secrets"], provider: { keyArn: KEY } }) }));
        assertFindings(r, [{ at: "vpcConfig.publicAccessCidrs[0]" }]);
        assert.doesNotMatch(r.violations.join("\n"), /s3cr3t|111122223333/);
    });
});
