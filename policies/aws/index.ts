import type { Control } from "../control";
import { awsIamNoAdminStatements } from "./iam/no-admin-statements";
import { awsS3EncryptionCmk } from "./s3/encryption-cmk";
import { awsS3PublicAccess } from "./s3/public-access";
import { awsS3TlsOnly } from "./s3/tls-only";
import { awsS3VersioningLogging } from "./s3/versioning-logging";
import { awsKmsRotation } from "./kms/rotation";
import { awsKmsKeyPolicy } from "./kms/key-policy";
import { awsDatastoreCmk } from "./datastore/cmk";
import { awsRdsExposure } from "./rds/exposure";
import { awsCloudtrailCoverage } from "./cloudtrail/coverage";
import { awsCloudtrailIntegrity } from "./cloudtrail/integrity";
import { awsCloudtrailImmutableStore } from "./cloudtrail/immutable-store";

/** Every AWS control, in catalog order. */
export const awsControls: Control[] = [
    awsIamNoAdminStatements,
    awsS3EncryptionCmk,
    awsS3PublicAccess,
    awsS3TlsOnly,
    awsS3VersioningLogging,
    awsKmsRotation,
    awsKmsKeyPolicy,
    awsDatastoreCmk,
    awsRdsExposure,
    awsCloudtrailCoverage,
    awsCloudtrailIntegrity,
    awsCloudtrailImmutableStore,
];
