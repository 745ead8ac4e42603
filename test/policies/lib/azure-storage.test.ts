import { strict as assert } from "assert";
import { apiDate } from "../../../policies/lib/azure-storage";

describe("lib/azure-storage", () => {
    it("reads the API date of versioned tokens", () => {
        assert.equal(apiDate("azure-native:storage/v20220901:StorageAccount"), "20220901");
        assert.equal(apiDate("azure-native:storage/v20210401preview:StorageAccount"), "20210401");
    });

    it("gives no date for default-module tokens", () => {
        assert.equal(apiDate("azure-native:storage:StorageAccount"), undefined);
    });
});
