import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import {
    MACHINES,
    NETWORK_INTERFACES,
    NETWORK_SECURITY_GROUPS,
    PUBLIC_IP_ADDRESSES,
    SUBNETS,
    VIRTUAL_NETWORKS,
} from "../../lib/azure/types";
import { machineProfile } from "../../lib/azure/machines";
import { prowler } from "../../lib/hipaa";
import { isOneOf } from "../../lib/property-checks";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { TypeSet, unionOf } from "../../lib/type-tokens";
import { asBool, asList, at, isObject, isUnknown, Plain, PlainObject } from "../../lib/values";

/** Image publishers whose images are Linux or Windows, for a VM that names its OS nowhere else. */
const LINUX_PUBLISHERS = ["canonical", "redhat", "debian", "suse", "openlogic", "oracle", "almalinux", "kinvolk", "microsoftcblmariner", "resf"];

type Os = "linux" | "windows" | "untold";

function osOf(profile: PlainObject): Os {
    const linux = at(profile, "osProfile.linuxConfiguration");
    if (isObject(linux)) return "linux";
    if (isObject(at(profile, "osProfile.windowsConfiguration"))) return "windows";
    const osType = at(profile, "storageProfile.osDisk.osType");
    if (isOneOf(osType, "Linux") === true) return "linux";
    if (isOneOf(osType, "Windows") === true) return "windows";
    const publisher = at(profile, "storageProfile.imageReference.publisher");
    if (typeof publisher === "string") {
        const p = publisher.trim().toLowerCase();
        if (p.includes("windows")) return "windows";
        if (LINUX_PUBLISHERS.includes(p)) return "linux";
    }
    return "untold";
}

const PASSWORD_PATH = "osProfile.linuxConfiguration.disablePasswordAuthentication";

/** Linux VMs accept no password over SSH: a password can be guessed, shared and reused; a key cannot. */
function checkPasswordAuth(vm: ResourceInput, ctx: CheckContext<unknown>): void {
    const { profile: root, prefix, noun } = machineProfile(vm);
    if (isUnknown(root)) return ctx.unverified(prefix.slice(0, -1));
    // A scale set without a VM profile holds VMs created on their own, each judged as a VirtualMachine.
    if (!isObject(root)) return;
    const profile = root.osProfile;
    if (isUnknown(profile)) return ctx.unverified(`${prefix}osProfile`);
    // Without an OS profile the VM boots an existing disk: nothing here sets its authentication.
    if (!isObject(profile)) return;
    if (isUnknown(profile.linuxConfiguration)) return ctx.unverified(`${prefix}osProfile.linuxConfiguration`);
    const os = osOf(root);
    if (os === "windows") return;
    const path = prefix + PASSWORD_PATH;
    if (os === "untold") {
        if (profile.adminPassword === undefined || profile.adminPassword === null) return;
        return ctx.cannotTell(
            path,
            `because the ${noun}'s operating system could not be told (no linuxConfiguration, windowsConfiguration, osDisk.osType or known image publisher) and it is given an admin password, which on Linux opens SSH to password guessing`,
        );
    }
    const disabled = asBool(at(profile, "linuxConfiguration.disablePasswordAuthentication"));
    if (isUnknown(disabled)) return ctx.unverified(path);
    // Azure leaves password authentication on when the flag is not set.
    if (disabled !== true) {
        ctx.fail({
            problem: noun === "VM" ? "the Linux VM accepts password authentication over SSH" : "the scale set's Linux VMs accept password authentication over SSH",
            at: path,
            fix: `set ${path}: true and give administrators SSH keys (${prefix}osProfile.linuxConfiguration.ssh.publicKeys) or Entra ID login`,
        });
    }
}

/** Resources of the stack by their Azure id, lower-cased as Azure compares ids. */
function byAzureId(stack: StackIndex): Map<string, StackResource> {
    const out = new Map<string, StackResource>();
    for (const r of stack.ofType(unionOf(NETWORK_INTERFACES, NETWORK_SECURITY_GROUPS, SUBNETS, VIRTUAL_NETWORKS))) {
        const id = r.props.id;
        if (typeof id === "string" && id.trim() !== "") out.set(id.trim().toLowerCase(), r);
    }
    return out;
}

type Resolved = { found: StackResource[] } | { why: string };

/**
 * The stack resources of `targets` that `from` references with `ref` (an id) inside its top-level
 * property `prop`: by the id when it is known and in the stack, else through propertyDependencies,
 * which name the resources the program wired in even when their ids are unknown at preview.
 */
function resolve(stack: StackIndex, from: StackResource, prop: string, ref: Plain, targets: TypeSet): Resolved {
    if (typeof ref === "string" && ref.trim() !== "") {
        const hit = stack.derive(byAzureId).get(ref.trim().toLowerCase());
        if (hit && targets.has(hit.type)) return { found: [hit] };
    }
    const viaDeps = (from.propertyDependencies[prop] ?? []).map((u) => stack.get(u)).filter((r): r is StackResource => r !== undefined && targets.has(r.type));
    if (viaDeps.length > 0) return { found: viaDeps };
    if (typeof ref === "string" && ref.trim() !== "") return { why: "it is not in this stack" };
    return { why: isUnknown(ref) ? "its id is unknown at preview and no dependency names it" : "no id is given" };
}

/** What guards one public IP configuration: an NSG, nothing, or a path the stack does not show. */
type Guard = "nsg" | "none" | { why: string };

/** Whether an NSG reference (`networkSecurityGroup` of a NIC or subnet) leads to an NSG the pack judges. */
function nsgGuard(stack: StackIndex, from: StackResource, prop: string, nsg: Plain): Guard {
    if (nsg === undefined || nsg === null) return "none";
    const ref = isUnknown(nsg) ? nsg : isObject(nsg) ? nsg.id : undefined;
    if (ref === undefined && isObject(nsg)) return "none";
    const r = resolve(stack, from, prop, ref, NETWORK_SECURITY_GROUPS);
    // An NSG outside the stack is one no control of this pack has judged.
    return "found" in r ? "nsg" : { why: `its network security group could not be followed: ${r.why}` };
}

/** The guard a subnet gives: its NSG, for a standalone Subnet or a subnet written inline in a VirtualNetwork. */
function subnetGuard(stack: StackIndex, from: StackResource, prop: string, subnetRef: Plain): Guard {
    const r = resolve(stack, from, prop, subnetRef, unionOf(SUBNETS, VIRTUAL_NETWORKS));
    if (!("found" in r)) return inlineSubnetGuard(stack, subnetRef) ?? { why: `its subnet could not be followed: ${r.why}` };
    const guards = r.found.flatMap((s): Guard[] => (SUBNETS.has(s.type) ? [nsgGuard(stack, s, "networkSecurityGroup", s.props.networkSecurityGroup)] : vnetSubnetGuards(stack, s, subnetRef)));
    return combine(guards, "which of its candidate subnets it uses could not be told");
}

/** A known subnet id that names a subnet written inline in one of the stack's virtual networks. */
function inlineSubnetGuard(stack: StackIndex, subnetRef: Plain): Guard | undefined {
    if (typeof subnetRef !== "string") return undefined;
    const id = subnetRef.trim().toLowerCase();
    const m = /^(.*\/virtualnetworks\/[^/]+)\/subnets\/[^/]+$/.exec(id);
    const vnet = m ? stack.derive(byAzureId).get(m[1]) : undefined;
    return vnet && VIRTUAL_NETWORKS.has(vnet.type) ? combine(vnetSubnetGuards(stack, vnet, subnetRef), "") : undefined;
}

/** The guards of a virtual network's inline subnets: the one the reference names, or every one when it names none. */
function vnetSubnetGuards(stack: StackIndex, vnet: StackResource, subnetRef: Plain): Guard[] {
    const list = asList(vnet.props.subnets);
    if (isUnknown(list)) return [{ why: "the subnets of its virtual network are unknown at preview" }];
    const subnets = list.filter(isObject);
    const name = typeof subnetRef === "string" ? subnetRef.trim().toLowerCase().split("/subnets/")[1] : undefined;
    const named = name === undefined ? [] : subnets.filter((s) => typeof s.name === "string" && s.name.trim().toLowerCase() === name);
    const chosen = named.length > 0 ? named : subnets;
    if (chosen.length === 0) return [{ why: "its virtual network declares no subnet inline, and no Subnet resource of the stack is named" }];
    return chosen.map((s) => nsgGuard(stack, vnet, "subnets", s.networkSecurityGroup));
}

/** Several candidates: all guarded is guarded, none guarded is none, a mix or a gap cannot be told. */
function combine(guards: Guard[], mixed: string): Guard {
    const gap = guards.find((g): g is { why: string } => typeof g === "object");
    if (gap) return gap;
    if (guards.every((g) => g === "nsg")) return "nsg";
    if (guards.every((g) => g === "none")) return "none";
    return { why: mixed };
}

/**
 * The guard of one IP configuration: the interface's NSG (a NIC's own, or an inline configuration's)
 * or its subnet's. `nsgProp` and `subnetProp` are the top-level properties whose dependencies name them.
 */
function ipConfigGuard(stack: StackIndex, from: StackResource, nsgProp: string, nicNsg: Plain, subnetProp: string, subnet: Plain): Guard {
    const own = nsgGuard(stack, from, nsgProp, nicNsg);
    if (own === "nsg") return own;
    const viaSubnet = subnetGuard(stack, from, subnetProp, isObject(subnet) ? subnet.id : subnet);
    return viaSubnet === "none" && typeof own === "object" ? own : viaSubnet;
}

/** Whether an IP configuration carries a public address (an address object, or one unknown at preview). */
const isPublic = (v: Plain): boolean => isUnknown(v) || isObject(v);

interface Door {
    /** Where on the VM the path starts. */
    at: string;
    /** Which interface, for the message (a logical name or an inline configuration's index). */
    nic: string;
    guard: Guard;
}

/** The doors of a standalone NetworkInterface: one per IP configuration with a public address. */
function nicDoors(stack: StackIndex, nic: StackResource, path: string): Door[] {
    const configs = asList(nic.props.ipConfigurations);
    if (isUnknown(configs)) return [{ at: path, nic: nic.name, guard: { why: `the IP configurations of network interface ${nic.name} are unknown at preview` } }];
    const doors: Door[] = [];
    for (const c of configs) {
        if (isUnknown(c)) return [{ at: path, nic: nic.name, guard: { why: `an IP configuration of network interface ${nic.name} is unknown at preview` } }];
        if (!isObject(c) || !isPublic(c.publicIPAddress)) continue;
        doors.push({ at: path, nic: nic.name, guard: ipConfigGuard(stack, nic, "networkSecurityGroup", nic.props.networkSecurityGroup, "ipConfigurations", c.subnet) });
    }
    return doors;
}

/**
 * Every public door of a VM (its referenced NICs and its inline network interface configurations)
 * or of a scale set (the inline configurations of its VM profile, which every VM it creates gets).
 */
function vmDoors(stack: StackIndex, vm: StackResource): Door[] | { at: string } {
    const { profile, prefix, top } = machineProfile(vm);
    // A scale set's VM profile unknown at preview is reported by the per-resource part, once.
    if (isUnknown(profile)) return [];
    const refs = asList(at(vm.props, `${prefix}networkProfile.networkInterfaces`));
    if (isUnknown(refs)) return { at: `${prefix}networkProfile.networkInterfaces` };
    const inline = asList(at(vm.props, `${prefix}networkProfile.networkInterfaceConfigurations`));
    if (isUnknown(inline)) return { at: `${prefix}networkProfile.networkInterfaceConfigurations` };
    const doors: Door[] = [];
    const seen = new Set<StackResource>();
    refs.forEach((ref, i) => {
        const path = `${prefix}networkProfile.networkInterfaces[${i}].id`;
        const r = resolve(stack, vm, top, isObject(ref) ? ref.id : ref, NETWORK_INTERFACES);
        if (!("found" in r)) {
            doors.push({ at: path, nic: `#${i}`, guard: { why: `the network interface could not be followed: ${r.why}` } });
            return;
        }
        // Several interfaces named only by dependencies cannot be told apart by position: name the list.
        const where = r.found.length > 1 ? `${prefix}networkProfile.networkInterfaces` : path;
        for (const nic of r.found) {
            if (seen.has(nic)) continue;
            seen.add(nic);
            doors.push(...nicDoors(stack, nic, where));
        }
    });
    inline.forEach((c, i) => {
        const path = `${prefix}networkProfile.networkInterfaceConfigurations[${i}]`;
        if (!isObject(c)) return;
        const configs = asList(c.ipConfigurations);
        if (isUnknown(configs)) {
            doors.push({ at: `${path}.ipConfigurations`, nic: `configuration ${i}`, guard: { why: "its IP configurations are unknown at preview" } });
            return;
        }
        for (const ip of configs) {
            if (!isObject(ip) || !isPublic(ip.publicIPAddressConfiguration)) continue;
            doors.push({ at: `${path}.networkSecurityGroup`, nic: `configuration ${i}`, guard: ipConfigGuard(stack, vm, top, c.networkSecurityGroup, top, ip.subnet) });
        }
    });
    return doors;
}

const EXPOSURE_FIX =
    "attach a network.NetworkSecurityGroup to the network interface (networkSecurityGroup.id) or its subnet that allows administration only from known ranges, or remove the public IP and reach the VM through Azure Bastion or a VPN";

export const azVmExposure: ResourceControl = {
    id: "az-vm-exposure",
    title: "Linux VMs refuse SSH passwords and VMs with a public IP sit behind an NSG",
    cloud: "azure",
    category: "public-exposure",
    severity: "high",
    hipaa: [prowler("164.312(a)(1)"), prowler("164.312(d)")],
    description:
        "A Linux VM that accepts SSH passwords, or any VM whose network interface has a public IP with no network security group on the interface or its subnet, is one guessed or reused password away from anyone on the internet. A Basic public IP lets every port in; a Standard one blocks inbound only until someone adds a rule, so the explicit, reviewable NSG is what keeps administration to known ranges (whether the NSG itself opens SSH or RDP to the internet is az-nsg-ingress's finding, with its adminPorts). A scale set is judged by its VM profile (virtualMachineProfile), which every VM it creates gets.",
    remediation:
        "Set osProfile.linuxConfiguration.disablePasswordAuthentication: true (virtualMachineProfile.osProfile... on a scale set) with SSH keys, and give every network interface that has a public IP a network security group (on the interface or its subnet) that admits administration only from known ranges; better, remove the public IP and use Azure Bastion or a VPN.",
    unknowns:
        "An unknown OS profile, scale set VM profile or password flag is reported as unverified (advisory). Interfaces, subnets and NSGs are followed through propertyDependencies, known at preview; a path the stack does not show (a network interface, subnet or NSG outside the stack, or an id unknown with no dependency) is reported as could not verify (advisory).",
    acrossResources:
        "Exposure: each VM's network interfaces (referenced or inline) and each scale set's inline network interface configurations, the public IPs of their IP configurations, and the network security groups on the interfaces or their subnets (standalone Subnets or subnets inline in a VirtualNetwork).",
    types: MACHINES,
    judges: unionOf(MACHINES, NETWORK_INTERFACES, PUBLIC_IP_ADDRESSES),
    checkResource(vm, ctx) {
        checkPasswordAuth(vm, ctx);
    },
    checkStack(stack, ctx) {
        for (const vm of stack.ofType(MACHINES)) {
            const doors = vmDoors(stack, vm);
            if (!Array.isArray(doors)) {
                ctx.unverified(doors.at, vm.urn);
                continue;
            }
            const reported = new Set<string>();
            for (const door of doors) {
                const key = `${door.at} ${typeof door.guard === "object" ? door.guard.why : door.guard}`;
                if (door.guard === "nsg" || reported.has(key)) continue;
                reported.add(key);
                if (door.guard === "none") {
                    ctx.fail({
                        problem: `network interface ${door.nic} has a public IP address and no network security group on the interface or its subnet`,
                        at: door.at,
                        fix: EXPOSURE_FIX,
                        urn: vm.urn,
                    });
                } else {
                    ctx.cannotTell(door.at, `because whether the ${machineProfile(vm).noun}'s public IP address is guarded by a network security group could not be told: ${door.guard.why}`, vm.urn);
                }
            }
        }
    },
};
