import type { Control } from "../control";
import { azRbacPrivilegedStanding } from "./authorization/rbac-privileged-standing";
import { azRbacScope } from "./authorization/rbac-scope";
import { azRbacCustomRoles } from "./authorization/rbac-custom-roles";
import { azRbacDenyAssignments } from "./authorization/rbac-deny-assignments";
import { azSegregationOfDuties } from "./authorization/segregation-of-duties";
import { azGrantJustification } from "./authorization/grant-justification";
import { azAccessReviews } from "./authorization/access-reviews";
import { azIdentityScope } from "./web/identity-scope";
import { azStoragePublic } from "./storage/storage-public";
import { azStorageCmk } from "./storage/storage-cmk";
import { azStorageTls } from "./storage/storage-tls";
import { azImmutableAuditLogs } from "./storage/immutable-audit-logs";
import { azDiagnosticSettings } from "./monitor/diagnostic-settings";
import { azLogRetention } from "./operationalinsights/log-retention";
import { azKeyvaultHardening } from "./keyvault/keyvault-hardening";
import { azKeyvaultKeyRotation } from "./keyvault/keyvault-key-rotation";
import { azNsgEgress } from "./network/nsg-egress";
import { azNsgIngress } from "./network/nsg-ingress";
import { azPrivateLink } from "./network/private-link";
import { azFlowLogs } from "./network/flow-logs";
import { azSqlHardening } from "./sql/sql-hardening";
import { azAppAuth } from "./web/app-auth";
import { azAppTls } from "./web/app-tls";
import { azDefenderPurview } from "./security/defender-purview";

/** Every Azure control, in catalog order. */
export const azureControls: Control[] = [
    azRbacPrivilegedStanding,
    azRbacScope,
    azRbacCustomRoles,
    azRbacDenyAssignments,
    azSegregationOfDuties,
    azGrantJustification,
    azAccessReviews,
    azIdentityScope,
    azStoragePublic,
    azStorageCmk,
    azStorageTls,
    azImmutableAuditLogs,
    azDiagnosticSettings,
    azLogRetention,
    azKeyvaultHardening,
    azKeyvaultKeyRotation,
    azNsgEgress,
    azNsgIngress,
    azPrivateLink,
    azFlowLogs,
    azSqlHardening,
    azAppAuth,
    azAppTls,
    azDefenderPurview,
];
