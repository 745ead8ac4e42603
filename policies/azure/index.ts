import type { Control } from "../control";
import { azRbacScope } from "./authorization/rbac-scope";
import { azNsgEgress } from "./network/nsg-egress";
import { azRbacPrivilegedStanding } from "./authorization/rbac-privileged-standing";
import { azRbacCustomRoles } from "./authorization/rbac-custom-roles";
import { azRbacDenyAssignments } from "./authorization/rbac-deny-assignments";
import { azSegregationOfDuties } from "./authorization/segregation-of-duties";
import { azGrantJustification } from "./authorization/grant-justification";
import { azAccessReviews } from "./authorization/access-reviews";
import { azIdentityScope } from "./web/identity-scope";

/** Every Azure control, in catalog order. */
export const azureControls: Control[] = [
    azRbacScope,
    azNsgEgress,
    azRbacPrivilegedStanding,
    azRbacCustomRoles,
    azRbacDenyAssignments,
    azSegregationOfDuties,
    azGrantJustification,
    azAccessReviews,
    azIdentityScope,
];
