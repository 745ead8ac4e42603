import type { Control } from "../control";
import { awsIamNoAdminStatements } from "./iam/no-admin-statements";
import { awsS3EncryptionCmk } from "./s3/encryption-cmk";
import { awsIamNoAdminAttachments } from "./iam/no-admin-attachments";
import { awsIamNoServiceWildcards } from "./iam/no-service-wildcards";
import { awsIamPrivilegeEscalation } from "./iam/privilege-escalation";
import { awsIamKmsWildcard } from "./iam/kms-wildcard";
import { awsIamPermissionBoundary } from "./iam/permission-boundary";
import { awsIamNoUserCredentials } from "./iam/no-user-credentials";
import { awsIamTrustPolicy } from "./iam/trust-policy";
import { awsIamSessionDuration } from "./iam/session-duration";

/** Every AWS control, in catalog order. */
export const awsControls: Control[] = [
    awsIamNoAdminStatements,
    awsS3EncryptionCmk,
    awsIamNoAdminAttachments,
    awsIamNoServiceWildcards,
    awsIamPrivilegeEscalation,
    awsIamKmsWildcard,
    awsIamPermissionBoundary,
    awsIamNoUserCredentials,
    awsIamTrustPolicy,
    awsIamSessionDuration,
];
