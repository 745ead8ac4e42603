import type { Control } from "../control";
import { awsIamNoAdminStatements } from "./iam/no-admin-statements";
import { awsS3EncryptionCmk } from "./s3/encryption-cmk";
import { awsLambdaRoleScope } from "./lambda/role-scope";
import { awsLambdaUrlAuth } from "./lambda/url-auth";
import { awsPlaintextSecrets } from "./secrets/plaintext-secrets";
import { awsIamGrantJustification } from "./iam/grant-justification";
import { awsSegregationOfDuties } from "./iam/segregation-of-duties";

/** Every AWS control, in catalog order. */
export const awsControls: Control[] = [
    awsIamNoAdminStatements,
    awsS3EncryptionCmk,
    awsLambdaRoleScope,
    awsLambdaUrlAuth,
    awsPlaintextSecrets,
    awsIamGrantJustification,
    awsSegregationOfDuties,
];
