import type { Control } from "../control";
import { awsIamNoAdminStatements } from "./iam/no-admin-statements";
import { awsS3EncryptionCmk } from "./s3/encryption-cmk";

/** Every AWS control, in catalog order. */
export const awsControls: Control[] = [
    awsIamNoAdminStatements,
    awsS3EncryptionCmk,
];
