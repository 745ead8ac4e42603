import type { Control } from "../control";
import { azRbacScope } from "./authorization/rbac-scope";
import { azNsgEgress } from "./network/nsg-egress";

/** Every Azure control, in catalog order. */
export const azureControls: Control[] = [
    azRbacScope,
    azNsgEgress,
];
