import { S3_BUCKETS } from "./aws-s3";
import { types } from "./type-tokens";

/** Resources that hold data and may therefore hold PHI (scoped further by ctx.isPhi). */
export const AWS_DATA_STORES = types(
    ...S3_BUCKETS.canonical,
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
    "aws:redshift/cluster:Cluster",
    "aws:docdb/cluster:Cluster",
    "aws:neptune/cluster:Cluster",
    "aws:opensearch/domain:Domain",
);
