import type { EngineResource } from "../../engine/resource";
import { UNKNOWN_WIRE_VALUE } from "../../engine/resource";

/**
 * Builders for the benchmark's generated stacks: resources linked by URN the way a preview links
 * them (ids and ARNs unknown, propertyDependencies set), under one stack resource.
 */
const STACK = "bench";
const PROJECT = "bench";
export const ROOT_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

/** A value the engine does not know during a preview (an output of a resource not yet created). */
export const UNKNOWN = UNKNOWN_WIRE_VALUE;

export function stackRoot(): EngineResource {
    return { type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, urn: ROOT_URN, custom: false, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} };
}

/** A custom resource whose `links` name, per property, the resources its value comes from. */
export function resource(type: string, name: string, inputs: Record<string, unknown>, links: Record<string, string[]> = {}): EngineResource {
    return {
        type,
        name,
        urn: `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack$${type}::${name}`,
        custom: true,
        inputs,
        outputs: inputs,
        parent: ROOT_URN,
        dependencies: [...new Set(Object.values(links).flat())],
        propertyDependencies: links,
    };
}

/** An IAM policy document as a JSON string, as `JSON.stringify` in a program writes it. */
export const doc = (Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

/** The stack resource, then units `unit(0)`, `unit(1)`, ... until the stack has `size` resources. */
export function stackOf(size: number, unit: (i: number) => EngineResource[]): EngineResource[] {
    const out = [stackRoot()];
    for (let i = 0; out.length < size; i++) out.push(...unit(i));
    return out.slice(0, size);
}

/** A PHI storage account as a hardened landing zone creates it, in the resource group `rgUrn`. */
export function storageAccount(name: string, rgUrn: string, keyVaultUri: string, extra: Record<string, unknown> = {}): EngineResource {
    return resource("azure-native:storage:StorageAccount", name, {
        resourceGroupName: UNKNOWN,
        kind: "StorageV2",
        sku: { name: "Standard_ZRS" },
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        minimumTlsVersion: "TLS1_2",
        publicNetworkAccess: "Disabled",
        encryption: { keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true, keyVaultProperties: { keyName: "storage-cmk", keyVaultUri } },
        ...extra,
    }, { resourceGroupName: [rgUrn] });
}

/** Inputs of the default provider the engine makes for each package (its version and the stack config it reads). */
const DEFAULT_PROVIDER_INPUTS: Record<string, Record<string, unknown>> = {
    aws: { region: "us-east-1", version: "7.48.0" },
    "aws-native": { region: "us-east-1", version: "1.79.0" },
    "azure-native": { location: "westeurope", version: "3.28.0" },
};

/**
 * The stack as the engine sends it: every resource of a package without a provider of its own gets
 * that package's default provider, which is in the stack and goes with the resource in every
 * request (pulumi/pulumi step_generator.go). A pack reads those inputs once per resource unless it
 * shares them.
 */
export function withDefaultProviders(resources: EngineResource[]): EngineResource[] {
    if (resources.length === 0) return resources;
    // `urn:pulumi:<stack>::<project>::<type>::<name>`
    const [stackPart, project] = resources[0].urn.split("::");
    const providers = new Map<string, EngineResource>();
    const provided = resources.map((r) => {
        const pkg = r.type.split(":")[0];
        if (!r.custom || r.provider || !DEFAULT_PROVIDER_INPUTS[pkg]) return r;
        let p = providers.get(pkg);
        if (!p) {
            const inputs = DEFAULT_PROVIDER_INPUTS[pkg];
            const name = `default_${String(inputs.version).replace(/\./g, "_")}`;
            const type = `pulumi:providers:${pkg}`;
            p = { type, name, urn: `${stackPart}::${project}::${type}::${name}`, custom: true, inputs, outputs: inputs, dependencies: [], propertyDependencies: {} };
            providers.set(pkg, p);
        }
        return { ...r, provider: `${p.urn}::0b6d4f3e-1c2a-4f5e-9d8c-7b6a5f4e3d2c` };
    });
    const root = provided[0].type === "pulumi:pulumi:Stack" ? 1 : 0;
    return [...provided.slice(0, root), ...providers.values(), ...provided.slice(root)];
}
