import { awsRdsExposure as control } from "../../../../policies/aws/rds/exposure";
import { defineExamples, fails, resource } from "../../../examples";

const db = (props: Record<string, unknown>) =>
    resource("aws:rds/instance:Instance", "records", {
        engine: "postgres",
        instanceClass: "db.t3.medium",
        allocatedStorage: 20,
        publiclyAccessible: false,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        ...props,
    });
const pub = db({ publiclyAccessible: true });
const noIam = db({ iamDatabaseAuthenticationEnabled: false });
const noLogs = db({ enabledCloudwatchLogsExports: ["upgrade"] });

export default defineExamples({
    control,
    passing: { baseline: { says: "a private PostgreSQL instance with IAM auth that exports its query log", resources: [db({})] } },
    failing: {
        public: { says: "reachable from the internet", resources: [pub], findings: [fails(pub, "publiclyAccessible")] },
        "no-iam-auth": { says: "password logins only", resources: [noIam], findings: [fails(noIam, "iamDatabaseAuthenticationEnabled")] },
        "no-audit-log": { says: "the postgresql log is not exported", resources: [noLogs], findings: [fails(noLogs, "enabledCloudwatchLogsExports")] },
    },
});
