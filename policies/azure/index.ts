import type { Control } from "../control";
import { azRbacPrivilegedStanding } from "./rbac/privileged-standing";
import { azRbacScope } from "./rbac/scope";
import { azRbacCustomRoles } from "./rbac/custom-roles";
import { azRbacDenyAssignments } from "./rbac/deny-assignments";
import { azSegregationOfDuties } from "./segregation/of-duties";
import { azGrantJustification } from "./grant/justification";
import { azAccessReviews } from "./access/reviews";
import { azAccessHumanReaders } from "./access/human-readers";
import { azAccessTransitiveDuties } from "./access/transitive-duties";
import { azAccessExternalReach } from "./access/external-reach";
import { azIdentityScope } from "./identity/scope";
import { azStoragePublic } from "./storage/public";
import { azStorageCmk } from "./storage/cmk";
import { azStorageTls } from "./storage/tls";
import { azImmutableAuditLogs } from "./immutable/audit-logs";
import { azDiagnosticSettings } from "./diagnostic/settings";
import { azLogRetention } from "./log/retention";
import { azKeyvaultHardening } from "./keyvault/hardening";
import { azKeyvaultKeyRotation } from "./keyvault/key-rotation";
import { azNsgEgress } from "./nsg/egress";
import { azNsgIngress } from "./nsg/ingress";
import { azPrivateLink } from "./private/link";
import { azFlowLogs } from "./flow/logs";
import { azSqlHardening } from "./sql/hardening";
import { azAppAuth } from "./app/auth";
import { azAppTls } from "./app/tls";
import { azDefenderPurview } from "./defender/purview";
import { azVmExposure } from "./vm/exposure";
import { azAksCluster } from "./aks/cluster";
import { azAppSettingsSecrets } from "./app/settings-secrets";
import { azExfilReplication } from "./exfil/replication";
import { azExfilAccessTokens } from "./exfil/access-tokens";
import { azExfilDiskExport } from "./exfil/disk-export";
import { azExfilLogShipping } from "./exfil/log-shipping";
import { azDatastoreCmk } from "./datastore/cmk";
import { azDatastorePublic } from "./datastore/public";

/** Every Azure control, in catalog order. */
export const azureControls: Control[] = [
    azRbacPrivilegedStanding,
    azRbacScope,
    azRbacCustomRoles,
    azRbacDenyAssignments,
    azSegregationOfDuties,
    azGrantJustification,
    azAccessReviews,
    azAccessHumanReaders,
    azAccessTransitiveDuties,
    azAccessExternalReach,
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
    azVmExposure,
    azAksCluster,
    azAppSettingsSecrets,
    azExfilReplication,
    azExfilAccessTokens,
    azExfilDiskExport,
    azExfilLogShipping,
    azDatastoreCmk,
    azDatastorePublic,
];
