import { strict as assert } from "assert";
import * as path from "path";
import { withRemediation } from "../../cli/config";
import { analyzeStack } from "../../engine/driver";
import { actualFindings, capturedSample, expectedFindings, sampleConfig } from "../samples";

/**
 * The violation sample stacks with every safe remediation turned on (`phi-guard config init
 * --remediate`, `phi-guard scan --remediate`): which findings the remediations remove, what they
 * change, and that every other finding remains.
 */
const ROOT = path.resolve(__dirname, "../..");

const REMEDIATED: Record<string, { gone: string[]; changes: Record<string, string> }> = {
    "aws-violations": {
        gone: [
            "aws-apigw-data-trace aws:apigateway/methodSettings:MethodSettings::open-records-prod-trace",
            "aws-apigw-data-trace aws:apigatewayv2/stage:Stage::records-feed-prod",
            "aws-kms-rotation aws:kms/key:Key::data-static",
            "aws-logs-retention aws:cloudwatch/logGroup:LogGroup::app-short-retention",
            "aws-kms-rotation aws-native:kms:Key::native-unrotated",
            "aws-logs-retention aws-native:logs:LogGroup::native-app-logs",
        ],
        changes: {
            "data-static": "aws-kms-rotation: enableKeyRotation false -> true",
            "app-short-retention": "aws-logs-retention: retentionInDays 365 -> 2192",
            "records-feed-prod": "aws-apigw-data-trace: defaultRouteSettings.dataTraceEnabled true -> false",
            "open-records-prod-trace": "aws-apigw-data-trace: settings.dataTraceEnabled true -> false",
            "native-unrotated": "aws-kms-rotation: enableKeyRotation false -> true",
            "native-app-logs": "aws-logs-retention: retentionInDays 30 -> 2192",
        },
    },
    "azure-violations": {
        gone: [
            "az-app-tls azure-native:web:WebApp::legacy-tls-app",
            "az-app-tls azure-native:web:WebApp::legacy-tls-app",
            "az-app-tls azure-native:web:WebApp::legacy-tls-app",
            "az-sql-hardening azure-native:sql:Server::sql-legacy",
            "az-storage-public azure-native:storage:StorageAccount::phipublicblobs",
            "az-storage-tls azure-native:storage:StorageAccount::phitls10",
        ],
        changes: {
            "sql-legacy": 'az-sql-hardening: minimalTlsVersion "1.1" -> "1.2"',
            "legacy-tls-app": 'az-app-tls: httpsOnly false -> true, siteConfig.ftpsState "AllAllowed" -> "FtpsOnly", siteConfig.minTlsVersion "1.0" -> "1.2"',
            phipublicblobs: "az-storage-public: allowBlobPublicAccess true -> false",
            phitls10: 'az-storage-tls: minimumTlsVersion "TLS1_0" -> "TLS1_2"',
        },
    },
};

describe("the violation sample stacks with every safe remediation on", function () {
    this.timeout(180_000);
    for (const [name, want] of Object.entries(REMEDIATED)) {
        it(`${name}: the remediations fix exactly these findings and every other finding remains`, async () => {
            const resources = await capturedSample(name);
            const analysis = await analyzeStack(ROOT, resources, { project: name, stack: "dev", dryRun: true, config: withRemediation(sampleConfig(name) ?? {}) });
            const remaining = [...expectedFindings(name)];
            for (const g of want.gone) {
                assert.ok(remaining.includes(g), `${g} is an expected finding`);
                remaining.splice(remaining.indexOf(g), 1);
            }
            assert.deepEqual(actualFindings(analysis, resources), remaining);
            const byName = new Map(resources.map((r) => [r.urn, r.name]));
            const changes = Object.fromEntries(
                analysis.remediations.map((r) => [byName.get(r.urn), `${r.policies.join(", ")}: ${r.changes.map((c) => `${c.path} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`).join(", ")}`]),
            );
            assert.deepEqual(changes, want.changes);
        });
    }
});
