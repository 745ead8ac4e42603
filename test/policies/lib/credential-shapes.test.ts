import { strict as assert } from "assert";
import { credentialKind, isCredentialName } from "../../../policies/lib/credential-shapes";

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
