import type { Plain, PlainObject } from "../values";
import { VIRTUAL_MACHINE_SCALE_SETS } from "./types";

/**
 * Where a machine keeps its OS, storage and network profiles: a VM at the top, a scale set under
 * virtualMachineProfile (the template of every VM it creates; azure-native compute
 * VirtualMachineScaleSetVMProfile). `top` is the top-level property whose propertyDependencies
 * name the interfaces, subnets and NSGs the program wired in; `noun` names it in messages.
 */
export interface MachineProfile {
    profile: Plain;
    prefix: string;
    top: string;
    noun: "VM" | "scale set";
}

export function machineProfile(r: { type: string; props: PlainObject }): MachineProfile {
    if (VIRTUAL_MACHINE_SCALE_SETS.has(r.type)) return { profile: r.props.virtualMachineProfile, prefix: "virtualMachineProfile.", top: "virtualMachineProfile", noun: "scale set" };
    return { profile: r.props, prefix: "", top: "networkProfile", noun: "VM" };
}
