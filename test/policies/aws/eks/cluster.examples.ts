import { awsEksCluster as control } from "../../../../policies/aws/eks/cluster";
import { change, defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const SUBNETS = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"];
const phi = resource("aws:eks/cluster:Cluster", "phi", {
    roleArn: "arn:aws:iam::111122223333:role/eks-cluster",
    vpcConfig: { subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: false },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } },
});
const officeOnly = change([phi], "phi", { vpcConfig: { subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } });
const openApi = change([phi], "phi", { vpcConfig: { subnetIds: SUBNETS, endpointPublicAccess: true } });
const everywhere = change(officeOnly, "phi", { vpcConfig: { subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } });
const apiLogsOnly = change([phi], "phi", { enabledClusterLogTypes: ["api"] });
const defaultEncryption = change([phi], "phi", { encryptionConfig: undefined });
const laterLogs = change([phi], "phi", { enabledClusterLogTypes: unknown });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a private API endpoint, audit and authenticator logs, secrets encrypted with a customer-managed key", resources: [phi] },
        "office-only": { says: "a public endpoint reachable only from the office's range", resources: officeOnly },
    },
    failing: {
        "public-default": { says: "a public endpoint with no CIDRs, which EKS opens to 0.0.0.0/0", resources: openApi, findings: [fails(openApi[0], "vpcConfig.publicAccessCidrs")] },
        "open-cidr": { says: "a public endpoint open to 0.0.0.0/0", resources: everywhere, findings: [fails(everywhere[0], "vpcConfig.publicAccessCidrs[0]")], from: "office-only" },
        "no-audit-logs": { says: "only API logs: no audit or authenticator trail", resources: apiLogsOnly, findings: [fails(apiLogsOnly[0], "enabledClusterLogTypes")] },
        "default-encryption": { says: "secrets encrypted only with EKS's AWS-owned key", resources: defaultEncryption, findings: [fails(defaultEncryption[0], "encryptionConfig")] },
        "unknown-logs": { says: "log types unknown until the update", resources: laterLogs, findings: [unverifiedAt(laterLogs[0], "enabledClusterLogTypes")] },
    },
});
