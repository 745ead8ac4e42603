import type { Control } from "../control";
import { awsIamNoAdminStatements } from "./iam/no-admin-statements";
import { awsIamNoAdminAttachments } from "./iam/no-admin-attachments";
import { awsIamNoServiceWildcards } from "./iam/no-service-wildcards";
import { awsIamPrivilegeEscalation } from "./iam/privilege-escalation";
import { awsIamKmsWildcard } from "./iam/kms-wildcard";
import { awsIamPermissionBoundary } from "./iam/permission-boundary";
import { awsIamNoUserCredentials } from "./iam/no-user-credentials";
import { awsIamTrustPolicy } from "./iam/trust-policy";
import { awsIamSessionDuration } from "./iam/session-duration";
import { awsLambdaRoleScope } from "./lambda/role-scope";
import { awsLambdaUrlAuth } from "./lambda/url-auth";
import { awsPlaintextSecrets } from "./plaintext/secrets";
import { awsApigwAuthorization } from "./apigw/authorization";
import { awsApigwDataTrace } from "./apigw/data-trace";
import { awsApigwAccessLogging } from "./apigw/access-logging";
import { awsLogsKms } from "./logs/kms";
import { awsLogsRetention } from "./logs/retention";
import { awsCloudtrailCoverage } from "./cloudtrail/coverage";
import { awsCloudtrailIntegrity } from "./cloudtrail/integrity";
import { awsCloudtrailImmutableStore } from "./cloudtrail/immutable-store";
import { awsS3EncryptionCmk } from "./s3/encryption-cmk";
import { awsS3PublicAccess } from "./s3/public-access";
import { awsS3TlsOnly } from "./s3/tls-only";
import { awsS3VersioningLogging } from "./s3/versioning-logging";
import { awsKmsRotation } from "./kms/rotation";
import { awsKmsKeyPolicy } from "./kms/key-policy";
import { awsDatastoreCmk } from "./datastore/cmk";
import { awsTransitEncryption } from "./transit/encryption";
import { awsRdsExposure } from "./rds/exposure";
import { awsSgEgress } from "./sg/egress";
import { awsSgIngress } from "./sg/ingress";
import { awsVpcFlowLogs } from "./vpc/flow-logs";
import { awsVpcEndpoints } from "./vpc/endpoints";
import { awsThreatDetection } from "./threat/detection";
import { awsIamGrantJustification } from "./iam/grant-justification";
import { awsSegregationOfDuties } from "./segregation/of-duties";
import { awsExfilReplication } from "./exfil/replication";
import { awsExfilSharedSnapshots } from "./exfil/shared-snapshots";
import { awsExfilExternalAccess } from "./exfil/external-access";
import { awsExfilLogShipping } from "./exfil/log-shipping";
import { awsExfilEgressPaths } from "./exfil/egress-paths";
import { awsResourcePolicyPublic } from "./resource/policy-public";
import { awsEc2InstanceIdentity } from "./ec2/instance-identity";
import { awsEksCluster } from "./eks/cluster";
import { awsAccessHumanReaders } from "./access/human-readers";
import { awsAccessTransitiveDuties } from "./access/transitive-duties";
import { awsAccessExternalReach } from "./access/external-reach";

/** Every AWS control, in catalog order. */
export const awsControls: Control[] = [
    awsIamNoAdminStatements,
    awsIamNoAdminAttachments,
    awsIamNoServiceWildcards,
    awsIamPrivilegeEscalation,
    awsIamKmsWildcard,
    awsIamPermissionBoundary,
    awsIamNoUserCredentials,
    awsIamTrustPolicy,
    awsIamSessionDuration,
    awsLambdaRoleScope,
    awsLambdaUrlAuth,
    awsPlaintextSecrets,
    awsApigwAuthorization,
    awsApigwDataTrace,
    awsApigwAccessLogging,
    awsLogsKms,
    awsLogsRetention,
    awsCloudtrailCoverage,
    awsCloudtrailIntegrity,
    awsCloudtrailImmutableStore,
    awsS3EncryptionCmk,
    awsS3PublicAccess,
    awsS3TlsOnly,
    awsS3VersioningLogging,
    awsKmsRotation,
    awsKmsKeyPolicy,
    awsDatastoreCmk,
    awsTransitEncryption,
    awsRdsExposure,
    awsSgEgress,
    awsSgIngress,
    awsVpcFlowLogs,
    awsVpcEndpoints,
    awsThreatDetection,
    awsIamGrantJustification,
    awsSegregationOfDuties,
    awsExfilReplication,
    awsExfilSharedSnapshots,
    awsExfilExternalAccess,
    awsExfilLogShipping,
    awsExfilEgressPaths,
    awsResourcePolicyPublic,
    awsEc2InstanceIdentity,
    awsEksCluster,
    awsAccessHumanReaders,
    awsAccessTransitiveDuties,
    awsAccessExternalReach,
];
