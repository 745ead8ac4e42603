import type { Control } from "../control";
import { azRbacScope } from "./authorization/rbac-scope";
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
    azRbacScope,
    azNsgEgress,
    azNsgIngress,
    azPrivateLink,
    azFlowLogs,
    azSqlHardening,
    azAppAuth,
    azAppTls,
    azDefenderPurview,
];
