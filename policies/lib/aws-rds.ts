import { types } from "./type-tokens";
import { asString, isUnknown, PlainObject, Unknown } from "./values";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const NATIVE_INSTANCE = "aws-native:rds:DbInstance";
const NATIVE_CLUSTER = "aws-native:rds:DbCluster";

/** RDS instances, clusters and cluster members from both AWS providers. */
export const RDS_DATABASES = types(INSTANCE, CLUSTER, CLUSTER_INSTANCE, NATIVE_INSTANCE, NATIVE_CLUSTER);

/** Where a database declares its access settings: @pulumi/aws and aws-native (CloudFormation) name them differently. */
export interface RdsSettingProps {
    iamAuthentication: string;
    logExports: string;
}

const AWS_PROPS: RdsSettingProps = { iamAuthentication: "iamDatabaseAuthenticationEnabled", logExports: "enabledCloudwatchLogsExports" };
const NATIVE_PROPS: RdsSettingProps = { iamAuthentication: "enableIamDatabaseAuthentication", logExports: "enableCloudwatchLogsExports" };

export const rdsSettingProps = (type: string): RdsSettingProps => (type.startsWith("aws-native:") ? NATIVE_PROPS : AWS_PROPS);

/**
 * Whether a database is a member of a cluster, whose IAM authentication and log exports are set on
 * the cluster: a @pulumi/aws ClusterInstance, or an aws-native DbInstance with a dbClusterIdentifier.
 */
export function isClusterMember(db: { type: string; props: PlainObject }): boolean | Unknown {
    if (db.type === CLUSTER_INSTANCE) return true;
    if (db.type !== NATIVE_INSTANCE) return false;
    const cluster = asString(db.props.dbClusterIdentifier);
    return isUnknown(cluster) ? cluster : cluster !== undefined && cluster.trim() !== "";
}
