import { strict as assert } from "assert";
import { credentialKind, isCredentialName, shownName } from "../../../policies/lib/credential-shapes";

describe("lib/credential-shapes", () => {
    it("recognises credential names in any case style", () => {
        for (const n of ["DB_PASSWORD", "dbPassword", "api-key", "ApiKey", "CLIENT_SECRET", "stripe_token", "AWS_SECRET_ACCESS_KEY", "privateKey", "DATABASE_CONNECTION_STRING", "pwd"]) {
            assert.ok(isCredentialName(n), n);
        }
    });

    it("does not treat references to a secret or settings about it as credentials", () => {
        for (const n of ["DB_PASSWORD_SECRET_ARN", "TOKEN_URL", "SECRET_NAME", "API_KEY_PARAMETER", "PASSWORD_MIN_LENGTH", "LOG_LEVEL", "AWS_REGION", "passenger_count", "PASS_THRESHOLD", "TOKEN_BUCKET_SIZE", "JWT_TOKEN_ISSUER", "SESSION_TOKEN_LIFETIME"]) {
            assert.ok(!isCredentialName(n), n);
        }
    });

    it("recognises credential-shaped values under any name", () => {
        assert.equal(credentialKind("X", "AKIAIOSFODNN7EXAMPLE"), "an AWS access key id");
        assert.equal(credentialKind("X", "-----BEGIN RSA PRIVATE KEY-----\nMIIE"), "a private key");
        assert.equal(credentialKind("DATABASE_URL", "postgres://app:s3cret@db.internal:5432/phi"), "a connection string with a password");
        assert.equal(credentialKind("CONN", "Server=db;User Id=app;Password=s3cret;"), "a connection string with a password");
        assert.equal(credentialKind("X", "ghp_" + "a".repeat(36)), "a GitHub token");
    });

    it("recognises an AWS secret key and literal passwords under credential names", () => {
        assert.equal(credentialKind("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "an AWS secret access key or similar key");
        assert.equal(credentialKind("DB_PASSWORD", "changeme"), "a literal credential");
    });

    it("passes references, empty values and plain settings", () => {
        assert.equal(credentialKind("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:1:secret:db"), undefined);
        assert.equal(credentialKind("DB_PASSWORD", "/prod/db/password"), undefined);
        assert.equal(credentialKind("DB_PASSWORD", ""), undefined);
        assert.equal(credentialKind("DATABASE_URL", "postgres://db.internal:5432/phi"), undefined);
        assert.equal(credentialKind("TABLE", "patients"), undefined);
    });
});

describe("lib/credential-shapes: Azure shapes", () => {
    it("recognises Azure account keys, shared access keys and SAS signatures under any name", () => {
        const key = "c3VwZXJzZWNyZXRrZXlzdXBlcnNlY3JldGtleXN1cGVyc2VjcmV0a2V5PT0=";
        assert.equal(credentialKind("AzureWebJobsStorage", `DefaultEndpointsProtocol=https;AccountName=phi;AccountKey=${key};EndpointSuffix=core.windows.net`), "a connection string with an account key");
        assert.equal(credentialKind("BUS", `Endpoint=sb://phi.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key}`), "a connection string with an account key");
        assert.equal(credentialKind("REDIS_URL", "redis://:p4ss@cache.internal:6379"), "a connection string with a password");
        assert.equal(credentialKind("EXPORT_URL", "https://phi.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&sig=abcdefghijklmnop1234%3D"), "a shared access signature");
    });

    it("passes Key Vault and App Configuration references under credential names, and connection strings that hold no secret", () => {
        assert.equal(credentialKind("DB_PASSWORD", "@Microsoft.KeyVault(SecretUri=https://phi-kv.vault.azure.net/secrets/db-password/)"), undefined);
        assert.equal(credentialKind("API_KEY", "@Microsoft.KeyVault(VaultName=phi-kv;SecretName=api-key)"), undefined);
        assert.equal(credentialKind("CLIENT_SECRET", "@Microsoft.AppConfiguration(Endpoint=https://phi.azconfig.io; Key=client-secret)"), undefined);
        assert.equal(
            credentialKind("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/"),
            undefined,
        );
        assert.equal(credentialKind("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000"), undefined);
        assert.equal(credentialKind("DB_PASSWORD", "c2VjcmV0cGFzcw="), "a literal credential");
        assert.equal(credentialKind("DB_CONNECTION_STRING", "Server=db;Database=phi;Authentication=Active Directory Managed Identity"), undefined);
        assert.equal(credentialKind("APP_CONFIG", "Endpoint=https://phi.azconfig.io;Id=abc;Secret=c2VjcmV0"), "a connection string with a secret");
    });

    it("shows identifier names, Azure's `:` separators included, and withholds the rest", () => {
        assert.equal(shownName("ConnectionStrings:Default"), "ConnectionStrings:Default");
        assert.equal(shownName("AKIAIOSFODNN7EXAMPLE"), "<name withheld>");
        assert.equal(shownName("a b"), "<name withheld>");
    });
});
