import { strict as assert } from "assert";
import { awsRdsExposure as control } from "../../../../policies/aws/rds/exposure";
import { runResource, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const good = { engine: "postgres", publiclyAccessible: false, iamDatabaseAuthenticationEnabled: true, enabledCloudwatchLogsExports: ["postgresql", "upgrade"] };

describe("aws-rds-exposure", () => {
    it("passes a private PostgreSQL instance with IAM auth and the postgresql log exported", async () => {
        assert.deepEqual(await runResource(control, { type: INSTANCE, props: good }), { violations: [], unverified: [], urns: [] });
    });

    it("flags a publicly accessible instance", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { ...good, publiclyAccessible: true } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /publicly accessible at publiclyAccessible/);
    });

    it("flags a publicly accessible Aurora cluster instance", async () => {
        const r = await runResource(control, { type: "aws:rds/clusterInstance:ClusterInstance", props: { engine: "aurora-mysql", publiclyAccessible: "true" } });
        assertFindings(r, [{ at: "publiclyAccessible" }]);
    });

    it("flags IAM authentication off or absent", async () => {
        const { iamDatabaseAuthenticationEnabled: _, ...absent } = good;
        for (const props of [absent, { ...good, iamDatabaseAuthenticationEnabled: false }]) {
            const r = await runResource(control, { type: INSTANCE, props });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /at iamDatabaseAuthenticationEnabled/);
        }
    });

    it("does not require IAM authentication where the engine has none (SQL Server, Oracle)", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { engine: "sqlserver-se", enabledCloudwatchLogsExports: ["error", "agent"] } });
        assert.deepEqual(r.violations, []);
    });

    it("flags a PostgreSQL instance that exports only the upgrade log", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { ...good, enabledCloudwatchLogsExports: ["upgrade"] } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /"postgresql" log is not exported .* at enabledCloudwatchLogsExports/);
    });

    it("flags an Aurora MySQL cluster without the audit log, and passes it with audit", async () => {
        const props = { engine: "aurora-mysql", iamDatabaseAuthenticationEnabled: true, enabledCloudwatchLogsExports: ["error", "slowquery"] };
        assert.match((await runResource(control, { type: CLUSTER, props })).violations[0], /"audit" log/);
        assert.deepEqual((await runResource(control, { type: CLUSTER, props: { ...props, enabledCloudwatchLogsExports: ["audit"] } })).violations, []);
    });

    it("requires some export for engines not in the table, and takes the table from config", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { engine: "custom-oracle-ee", iamDatabaseAuthenticationEnabled: true } });
        assert.match(r.violations[0], /no log type is exported/);
        const c = await runResource(control, { type: INSTANCE, props: { ...good, enabledCloudwatchLogsExports: ["upgrade"] } }, { config: { auditLogExports: { postgres: ["upgrade"] } } });
        assert.deepEqual(c.violations, []);
    });

    it("says it could not verify unknown exposure, IAM auth and exports", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { engine: "postgres", publiclyAccessible: unknown, iamDatabaseAuthenticationEnabled: unknown, enabledCloudwatchLogsExports: unknown } });
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 3);
    });

    it("says it could not verify an unknown engine", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { ...good, engine: unknown } });
        assertFindings(r, [{ at: "engine", outcome: "unverified" }]);
    });

    it("skips databases outside PHI scope when configured as tagged", async () => {
        const r = await runResource(control, { type: INSTANCE, props: { engine: "mysql", publiclyAccessible: true } }, { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.violations, []);
    });
});
