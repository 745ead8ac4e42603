import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as stores from "../../../../policies/lib/azure/stores";
import { TypeSet } from "../../../../policies/lib/type-tokens";
import { sdkHasType } from "../sdk-types";

/** Every token the SDK publishes, as a class or as an alias of one (its versioned forms reduced to the module). */
function sdkTokens(): Set<string> {
    const root = path.resolve(__dirname, "../../../../node_modules/@pulumi/azure-native");
    const out = new Set<string>();
    for (const module of ["storage", "keyvault", "cosmosdb", "synapse", "dbforpostgresql", "dbformysql", "dbformariadb", "eventhub", "servicebus", "redis", "redisenterprise", "healthcareapis", "compute", "containerservice", "sql", "mongocluster"]) {
        for (const file of fs.readdirSync(path.join(root, module)).filter((f) => f.endsWith(".js"))) {
            const js = fs.readFileSync(path.join(root, module, file), "utf8");
            for (const m of js.matchAll(/(?:__pulumiType = '|type: ")(azure-native:[^'"]+)/g)) out.add(m[1].replace(/\/v[0-9a-z]+:/, ":"));
        }
    }
    return out;
}

describe("the Azure PHI-store catalog", () => {
    const published = sdkTokens();
    const sets = Object.entries(stores).filter((e): e is [string, TypeSet] => e[1] instanceof TypeSet);

    it("names only tokens @pulumi/azure-native publishes, as a class or as an alias", () => {
        for (const [name, set] of sets) for (const token of set.canonical) assert.ok(published.has(token), `${name}: ${token}`);
    });

    it("names each store kind by the class token the SDK registers", () => {
        for (const token of ["azure-native:synapse:Workspace", "azure-native:dbforpostgresql:Server", "azure-native:dbforpostgresql:SingleServer", "azure-native:dbformariadb:Server", "azure-native:redis:Redis", "azure-native:redisenterprise:RedisEnterprise", "azure-native:healthcareapis:FhirService", "azure-native:mongocluster:FirewallRule"]) {
            assert.ok(sdkHasType(token), token);
        }
    });

    it("gives every firewall rule a store to take its PHI scope from", () => {
        const rules = sets.filter(([name]) => name.endsWith("_FIREWALL_RULES"));
        assert.ok(rules.length >= 7);
        for (const [name, set] of rules) for (const token of set.canonical) assert.ok(stores.AZ_PHI_COMPANIONS[token], `${name}: ${token}`);
    });
});
