import * as compute from "@pulumi/azure-native/compute";
import * as dbformariadb from "@pulumi/azure-native/dbformariadb";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as network from "@pulumi/azure-native/network";
import * as redisenterprise from "@pulumi/azure-native/redisenterprise";
import { rg } from "./az-data";

// Resource types an insider could pick because the pack once did not read them: each is judged
// as its better-known sibling is.

// A subnet with no NSG of its own, for the scale set below.
const batchSubnet = new network.Subnet("batch-subnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: "legacy-vnet",
    addressPrefix: "10.40.2.0/24",
    defaultOutboundAccess: false,
});

// A scale set is judged by its VM profile, as a VM is (3 findings): az-vm-exposure (its Linux VMs
// take SSH passwords; each gets a public IP with no NSG on its interface or subnet) and
// az-datastore-cmk (its VMs' OS disks use a platform-managed key).
new compute.VirtualMachineScaleSet("claims-batch-vmss", {
    resourceGroupName: rg.name,
    sku: { name: "Standard_D2s_v5", capacity: 2 },
    orchestrationMode: "Uniform",
    upgradePolicy: { mode: "Manual" },
    virtualMachineProfile: {
        osProfile: { computerNamePrefix: "batch", adminUsername: "azureuser", adminPassword: "Correct-Horse-8", linuxConfiguration: { disablePasswordAuthentication: false } },
        storageProfile: {
            imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
            osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
        },
        networkProfile: {
            networkInterfaceConfigurations: [
                { name: "batch-nic", primary: true, ipConfigurations: [{ name: "ipconfig1", subnet: { id: batchSubnet.id }, publicIPAddressConfiguration: { name: "batch-pip" } }] },
            ],
        },
    },
});

// A MariaDB server is judged as its MySQL sibling (2 findings): az-datastore-cmk (MariaDB cannot use
// a customer-managed key) and az-datastore-public (a firewall rule open to the whole internet).
const claimsMaria = new dbformariadb.Server("claims-mariadb", {
    resourceGroupName: rg.name,
    sku: { name: "GP_Gen5_2", tier: "GeneralPurpose", family: "Gen5", capacity: 2 },
    properties: {
        createMode: "Default",
        administratorLogin: "claimsadmin",
        administratorLoginPassword: "Correct-Horse-9",
        version: "10.3",
        sslEnforcement: "Enabled",
        minimalTlsVersion: "TLS1_2",
    },
});
new dbformariadb.FirewallRule("claims-mariadb-anywhere", {
    resourceGroupName: rg.name,
    serverName: claimsMaria.name,
    startIpAddress: "0.0.0.0",
    endIpAddress: "255.255.255.255",
});

// az-datastore-public: a Redis Enterprise (Azure Managed Redis) cluster with public access on,
// which no firewall rule can limit (1 finding).
const sessionsCluster = new redisenterprise.RedisEnterprise("phi-sessions-amr", {
    resourceGroupName: rg.name,
    sku: { name: "Balanced_B1" },
    minimumTlsVersion: "1.2",
    publicNetworkAccess: "Enabled",
});
new redisenterprise.Database("phi-sessions-amr-db", {
    resourceGroupName: rg.name,
    clusterName: sessionsCluster.name,
    databaseName: "default",
    clientProtocol: "Encrypted",
    accessKeysAuthentication: "Disabled",
});

// az-datastore-public: a Cosmos DB for PostgreSQL cluster's firewall rule open to the whole internet
// (1 finding), judged as a PostgreSQL server's rule is.
new dbforpostgresql.ServerGroupFirewallRule("citus-anywhere", {
    resourceGroupName: rg.name,
    clusterName: "phi-claims-citus",
    startIpAddress: "0.0.0.0",
    endIpAddress: "255.255.255.255",
});
